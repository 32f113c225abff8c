import { describe, expect, it } from 'vitest';
import { APIError, createTextgen } from '../src/index';
import { expectNoSecret, renderError } from './support/expect-no-secret';
import { mockBaseUrls, useMockServer } from './support/mock-textgen';

const mock = useMockServer();
// Long enough that core redacts it wherever it appears, not only as a whole word.
const apiKey = 'sk-edenai-ECHOED-0123456789abcdef';

describe('an API key a provider echoes never reaches a facade error', () => {
  it('Eden AI: the requested provider failing inside the 200, echoing the key in its message and a header', async () => {
    // Eden AI passes each provider's own error text through, and providers do quote a rejected key back.
    const body = {
      openai: { status: 'fail', error: { message: `Incorrect API key provided: ${apiKey}.` } },
      google: { status: 'success', generated_text: 'Hello', message: [] },
    };
    mock.override({
      operationId: 'createTextChat',
      response: { type: 'json', status: 200, body, headers: { 'x-echo': apiKey } },
    });
    const textgen = createTextgen({ edenai: { apiKey, baseURL: mockBaseUrls.edenai, maxRetries: 0, logLevel: 'off' } });
    const error = await textgen
      .generateText({ provider: 'edenai', model: 'openai', prompt: 'Hi' })
      .catch((failure: unknown) => failure);

    expect(APIError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ vendor: 'edenai', status: 200 });
    expect((error as APIError).message).toMatch(/openai failed: Incorrect API key provided/);
    expectNoSecret(error, apiKey);
    // The redaction is visible where the key was, so the check above cannot pass by the text simply being absent.
    expect(renderError(error).join('\n')).toContain('[redacted]');
    expect((error as APIError).headers.get('x-echo')).toBe('[redacted]');
  });
});
