import type { VendorDescriptor } from '@textgen/core';
import { readEdenAIErrorMessage } from './edenai-error';

/** Eden AI v2 for core: `Authorization: Bearer <key>`, `EDENAI_API_KEY` / `EDENAI_BASE_URL`. No request id exists. */
export const edenAIDescriptor: VendorDescriptor = {
  vendor: 'edenai',
  environmentPrefix: 'EDENAI',
  defaultBaseURL: 'https://api.edenai.run/v2',
  authorizationHeader: (apiKey) => ({ name: 'Authorization', value: `Bearer ${apiKey}` }),
  errorMessageFromBody: readEdenAIErrorMessage,
};
