import { describe, expect, it } from 'vitest';
import { readEdenAIErrorMessage } from '../src/index';

describe('readEdenAIErrorMessage', () => {
  it('reads error.message of the EdenError envelope', () => {
    expect(readEdenAIErrorMessage({ error: { type: 'Forbidden', message: 'Invalid API key.' } })).toBe(
      'Invalid API key.',
    );
    expect(readEdenAIErrorMessage({ error: { code: 429, message: 'Rate limit exceeded.' } })).toBe(
      'Rate limit exceeded.',
    );
  });

  it('lists each field of a 400 field map, after the error type', () => {
    const body = {
      error: {
        type: 'Invalid request',
        message: { providers: ['This field is required.'], temperature: ['Too high.', 'Not a number.'] },
      },
    };
    expect(readEdenAIErrorMessage(body)).toBe(
      'Invalid request: providers: This field is required.; temperature: Too high. Not a number.',
    );
  });

  it('reads both 404 spellings', () => {
    expect(readEdenAIErrorMessage({ details: 'Not Found' })).toBe('Not Found');
    expect(readEdenAIErrorMessage({ detail: 'Not found.' })).toBe('Not found.');
  });

  it('reads a plain string error', () => {
    expect(readEdenAIErrorMessage({ error: 'Something broke' })).toBe('Something broke');
  });

  it('gives up on other shapes so core can fall back', () => {
    expect(readEdenAIErrorMessage(undefined)).toBeUndefined();
    expect(readEdenAIErrorMessage('<html>Bad gateway</html>')).toBeUndefined();
    expect(readEdenAIErrorMessage({ error: { message: {} } })).toBeUndefined();
    expect(readEdenAIErrorMessage({ unexpected: true })).toBeUndefined();
  });
});
