import type { VendorDescriptor } from '@textgen/core';
import { readAitreErrorMessage } from './aitre-error';

/**
 * The default of the spec's `baseUrl` server variable. AITRE does not publish its own host (its docs only show a
 * `{{BASE_URL}}/v1/completions` placeholder), so this is OpenAI's API, which serves the same contract; AITRE users pass
 * `baseURL` or set `AITRE_BASE_URL`.
 */
export const aitreDefaultBaseURL = 'https://api.openai.com/v1';

/** How core talks to AITRE. The request id comes from the `x-request-id` header, which core reads by itself. */
export const aitreDescriptor: VendorDescriptor = {
  vendor: 'aitre',
  environmentPrefix: 'AITRE',
  defaultBaseURL: aitreDefaultBaseURL,
  authorizationHeader: (apiKey) => ({ name: 'Authorization', value: `Bearer ${apiKey}` }),
  errorMessageFromBody: readAitreErrorMessage,
};
