import { describe, expect, it } from 'vitest';
import { toEdenAIWireBody, type EdenAIChatRequest } from '../src/index';

describe('toEdenAIWireBody', () => {
  it('joins provider arrays with commas and keeps strings as given', () => {
    expect(toEdenAIWireBody({ providers: ['openai', 'google/gemini-2.5-flash'] })).toEqual({
      providers: 'openai,google/gemini-2.5-flash',
    });
    expect(toEdenAIWireBody({ providers: 'openai', fallback_providers: 'anthropic,mistral' })).toEqual({
      providers: 'openai',
      fallback_providers: 'anthropic,mistral',
    });
  });

  it('leaves out an empty fallback list or string', () => {
    expect(toEdenAIWireBody({ providers: 'openai', fallback_providers: [] })).toEqual({ providers: 'openai' });
    expect(toEdenAIWireBody({ providers: 'openai', fallback_providers: '' })).toEqual({ providers: 'openai' });
  });

  it('keeps every other field, settings as an object, and does not touch the caller object', () => {
    const body: EdenAIChatRequest = {
      providers: ['openai'],
      fallback_providers: ['anthropic'],
      settings: { openai: 'gpt-4o' },
      temperature: 0.5,
      previous_history: [{ role: 'user', message: 'Hi' }],
    };
    const snapshot = structuredClone(body);
    expect(toEdenAIWireBody(body)).toEqual({
      providers: 'openai',
      fallback_providers: 'anthropic',
      settings: { openai: 'gpt-4o' },
      temperature: 0.5,
      previous_history: [{ role: 'user', message: 'Hi' }],
    });
    expect(body).toEqual(snapshot);
  });
});
