import { describe, expect, it } from 'vitest';
import { edenAIErrorMessage } from './edenai-error';

describe('edenAIErrorMessage', () => {
  it('reads error.message of the EdenError envelope', () => {
    expect(edenAIErrorMessage({ error: { type: 'Forbidden', message: 'Invalid API key.' } })).toBe('Invalid API key.');
    expect(edenAIErrorMessage({ error: { code: 429, message: 'Rate limit exceeded.' } })).toBe('Rate limit exceeded.');
  });

  it('lists each field of a 400 field map, after the error type', () => {
    const body = { error: { type: 'Invalid request', message: { providers: ['This field is required.'], temperature: ['Too high.', 'Not a number.'] } } };
    expect(edenAIErrorMessage(body)).toBe('Invalid request: providers: This field is required.; temperature: Too high. Not a number.');
  });

  it('reads both 404 spellings', () => {
    expect(edenAIErrorMessage({ details: 'Not Found' })).toBe('Not Found');
    expect(edenAIErrorMessage({ detail: 'Not found.' })).toBe('Not found.');
  });

  it('reads a plain string error', () => {
    expect(edenAIErrorMessage({ error: 'Something broke' })).toBe('Something broke');
  });

  it('gives up on other shapes so core can fall back', () => {
    expect(edenAIErrorMessage(undefined)).toBeUndefined();
    expect(edenAIErrorMessage('<html>Bad gateway</html>')).toBeUndefined();
    expect(edenAIErrorMessage({ error: { message: {} } })).toBeUndefined();
    expect(edenAIErrorMessage({ unexpected: true })).toBeUndefined();
  });
});
