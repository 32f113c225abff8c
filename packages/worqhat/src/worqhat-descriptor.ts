import type { VendorDescriptor } from '@textgen/core';
import { readWorqhatErrorMessage } from './worqhat-error';

/** The spec's `servers[0]`; a test keeps the two in step. */
export const worqhatDefaultBaseURL = 'https://api.worqhat.com';

export const worqhatDescriptor: VendorDescriptor = {
  vendor: 'worqhat',
  environmentPrefix: 'WORQHAT',
  defaultBaseURL: worqhatDefaultBaseURL,
  // v4 and the 2024 Node SDK use Bearer; the v3 `x-api-key` + `x-org-key` pair is not modelled.
  authorizationHeader: (apiKey) => ({ name: 'Authorization', value: `Bearer ${apiKey}` }),
  errorMessageFromBody: readWorqhatErrorMessage,
  // WorqHat sends no request-id header; the JSON body's `processingId` is what its support asks for.
  requestIdFromBody(body) {
    if (typeof body !== 'object' || body === null) return undefined;
    const processingId = (body as { processingId?: unknown }).processingId;
    return typeof processingId === 'string' && processingId !== '' ? processingId : undefined;
  },
};
