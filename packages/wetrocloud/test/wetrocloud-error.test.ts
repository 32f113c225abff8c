import { describe, expect, it } from 'vitest';
import { readWetrocloudErrorMessage } from '../src/index';

describe('readWetrocloudErrorMessage', () => {
  it('reads {error}', () => {
    expect(readWetrocloudErrorMessage({ error: 'An internal server error occurred.', payload: { id: 1 } })).toBe(
      'An internal server error occurred.',
    );
  });

  it('reads the DRF default {detail}', () => {
    expect(readWetrocloudErrorMessage({ detail: 'Invalid token.' })).toBe('Invalid token.');
  });

  it('joins a DRF field-error map, naming each field except non_field_errors', () => {
    expect(
      readWetrocloudErrorMessage({
        model: ['This field is required.'],
        messages: ['Not valid JSON.', 'Must be a list.'],
        non_field_errors: ['Bad form.'],
      }),
    ).toBe('model: This field is required.; messages: Not valid JSON. Must be a list.; Bad form.');
  });

  it('gives undefined for bodies in none of the three shapes, so core falls back to its generic reading', () => {
    expect(readWetrocloudErrorMessage(undefined)).toBeUndefined();
    expect(readWetrocloudErrorMessage('Bad Gateway')).toBeUndefined();
    expect(readWetrocloudErrorMessage(['x'])).toBeUndefined();
    expect(readWetrocloudErrorMessage({ error: '' })).toBeUndefined();
    expect(readWetrocloudErrorMessage({ count: 3 })).toBeUndefined();
  });
});
