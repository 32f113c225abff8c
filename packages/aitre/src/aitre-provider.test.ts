import { describe, expect, it } from 'vitest';
import { renderAitrePrompt } from './aitre-provider';

describe('renderAitrePrompt', () => {
  it('sends a prompt without system text exactly as given', () => {
    expect(
      renderAitrePrompt({
        prompt: '  Say this is a test\n',
        messages: [{ role: 'user', content: '  Say this is a test\n' }],
      }),
    ).toBe('  Say this is a test\n');
  });

  it('renders a prompt with system text through the template', () => {
    const messages = [
      { role: 'system' as const, content: 'Be terse.' },
      { role: 'user' as const, content: 'Say this is a test' },
    ];
    expect(renderAitrePrompt({ prompt: 'Say this is a test', messages })).toBe(
      'Be terse.\n\nUser: Say this is a test\n\nAssistant:',
    );
  });

  it('puts every system message first, in order, then the turns, then the open assistant turn', () => {
    const messages = [
      { role: 'user' as const, content: 'Hi' },
      { role: 'system' as const, content: 'One.' },
      { role: 'assistant' as const, content: 'Hello.' },
      { role: 'system' as const, content: 'Two.' },
      { role: 'user' as const, content: 'Bye' },
    ];
    expect(renderAitrePrompt({ prompt: undefined, messages })).toBe(
      'One.\n\nTwo.\n\nUser: Hi\n\nAssistant: Hello.\n\nUser: Bye\n\nAssistant:',
    );
  });
});
