import type { VendorDescriptor } from '@textgen/core';
import { readAitreErrorMessage } from './aitre-error';

/**
 * How core talks to AITRE. The request id comes from the `x-request-id` header, which core reads by itself.
 * There is no `defaultBaseURL`: AITRE does not publish its host (its docs only show a `{{BASE_URL}}/v1/completions`
 * placeholder), and falling back to OpenAI's host would send an AITRE key to another company. Without `baseURL` or
 * `AITRE_BASE_URL`, core refuses to create the client.
 */
export const aitreDescriptor: VendorDescriptor = {
  vendor: 'aitre',
  environmentPrefix: 'AITRE',
  authorizationHeader: (apiKey) => ({ name: 'Authorization', value: `Bearer ${apiKey}` }),
  errorMessageFromBody: readAitreErrorMessage,
};
