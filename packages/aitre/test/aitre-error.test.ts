import { describe, expect, it } from 'vitest';
import { listMockExamples } from '@textgen/mocks';
import { readAitreErrorMessage, type AitreErrorResponse } from '../src/index';

describe('readAitreErrorMessage', () => {
  const errorExamples = listMockExamples({ vendor: 'aitre' }).filter((example) => example.status !== 200);

  it.each(errorExamples.map((example) => [example.name, example.value as AitreErrorResponse] as const))(
    'reads the message and code of the spec example "%s"',
    (_name, body) => {
      const label = body.error.code ?? body.error.type;
      expect(readAitreErrorMessage(body)).toBe(`${body.error.message} [${label}]`);
    },
  );

  it('reads a message without code or type', () => {
    expect(readAitreErrorMessage({ error: { message: 'Bad gateway', type: '', param: null, code: null } })).toBe(
      'Bad gateway',
    );
  });

  it.each([
    ['a string', 'Bad Gateway'],
    ['null', null],
    ['an error string', { error: 'denied' }],
    ['an error without a message', { error: { type: 'server_error' } }],
    ['a mock problem body', { textgenMockError: 'no such example' }],
  ])('returns undefined for %s', (_label, body) => {
    expect(readAitreErrorMessage(body)).toBeUndefined();
  });
});
