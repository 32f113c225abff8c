import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnvironment } from '../src/read-environment';

/** A stand-in for Deno's permissions API that answers `state` for every env variable and records what was asked. */
function stubDenoEnvPermission(state: 'granted' | 'prompt' | 'denied'): string[] {
  const asked: string[] = [];
  vi.stubGlobal('Deno', {
    permissions: {
      querySync: (descriptor: { name: string; variable: string }) => {
        asked.push(`${descriptor.name}:${descriptor.variable}`);
        return { state };
      },
    },
  });
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe('readEnvironment', () => {
  it('reads a set variable, trimmed, and treats an empty one as unset', () => {
    vi.stubEnv('TEXTGEN_TEST_VARIABLE', '  value  ');
    expect(readEnvironment('TEXTGEN_TEST_VARIABLE')).toBe('value');
    vi.stubEnv('TEXTGEN_TEST_VARIABLE', '   ');
    expect(readEnvironment('TEXTGEN_TEST_VARIABLE')).toBeUndefined();
  });

  it('under Deno with env access granted, reads the variable', () => {
    vi.stubEnv('TEXTGEN_TEST_VARIABLE', 'value');
    const asked = stubDenoEnvPermission('granted');
    expect(readEnvironment('TEXTGEN_TEST_VARIABLE')).toBe('value');
    expect(asked).toEqual(['env:TEXTGEN_TEST_VARIABLE']);
  });

  // Deno without --allow-env throws NotCapable on a read (after a prompt on a terminal): the variable must count as
  // unset, or a client given every option would still fail on TEXTGEN_LOG.
  it.each(['prompt', 'denied'] as const)(
    'under Deno with env permission "%s", does not read and answers undefined',
    (state) => {
      vi.stubEnv('TEXTGEN_TEST_VARIABLE', 'value');
      const asked = stubDenoEnvPermission(state);
      expect(readEnvironment('TEXTGEN_TEST_VARIABLE')).toBeUndefined();
      expect(asked).toEqual(['env:TEXTGEN_TEST_VARIABLE']);
    },
  );
});
