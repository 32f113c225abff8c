import { describe, expect, it } from 'vitest';
import { wetrocloudErrorMessage } from './wetrocloud-error';

describe('wetrocloudErrorMessage', () => {
  it('reads {error}', () => {
    expect(wetrocloudErrorMessage({ error: 'An internal server error occurred.', payload: { id: 1 } })).toBe('An internal server error occurred.');
  });

  it('reads the DRF default {detail}', () => {
    expect(wetrocloudErrorMessage({ detail: 'Invalid token.' })).toBe('Invalid token.');
  });

  it('joins a DRF field-error map, naming each field except non_field_errors', () => {
    expect(
      wetrocloudErrorMessage({ model: ['This field is required.'], messages: ['Not valid JSON.', 'Must be a list.'], non_field_errors: ['Bad form.'] }),
    ).toBe('model: This field is required.; messages: Not valid JSON. Must be a list.; Bad form.');
  });

  it('gives undefined for bodies in none of the three shapes, so core falls back to its generic reading', () => {
    expect(wetrocloudErrorMessage(undefined)).toBeUndefined();
    expect(wetrocloudErrorMessage('Bad Gateway')).toBeUndefined();
    expect(wetrocloudErrorMessage(['x'])).toBeUndefined();
    expect(wetrocloudErrorMessage({ error: '' })).toBeUndefined();
    expect(wetrocloudErrorMessage({ count: 3 })).toBeUndefined();
  });
});
