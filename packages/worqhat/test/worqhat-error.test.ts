import { describe, expect, it } from 'vitest';
import { readWorqhatErrorMessage } from '../src/index';

describe('readWorqhatErrorMessage', () => {
  it.each([
    [
      { message: 'Bad Request', error: { message: 'question is required' }, code: 400 },
      'Bad Request: question is required',
    ],
    [
      { message: 'Syntax Error: Invalid JSON', error: { message: 'Syntax Error: Invalid JSON' } },
      'Syntax Error: Invalid JSON',
    ],
    [{ error: 'Invalid API Key' }, 'Invalid API Key'],
    [{ error: { message: 'Rate limit exceeded' } }, 'Rate limit exceeded'],
    [{ message: 'Forbidden', error: { code: 'denied' } }, 'Forbidden'],
  ])('reads %j', (body, expected) => {
    expect(readWorqhatErrorMessage(body)).toBe(expected);
  });

  it.each([undefined, null, 'plain text', {}, { message: '', error: '  ' }])('leaves %j to core', (body) => {
    expect(readWorqhatErrorMessage(body)).toBeUndefined();
  });
});
