import { describe, expect, it } from 'vitest';
import { createWetrocloud, TextgenError, wetrocloudDescriptor, type WetrocloudClientOptions } from '../src/index';

describe('wetrocloudDescriptor', () => {
  it('fills the spec server {apiVersion} with v1 by default', () => {
    expect(wetrocloudDescriptor()).toMatchObject({
      vendor: 'wetrocloud',
      environmentPrefix: 'WETROCLOUD',
      defaultBaseURL: 'https://api.wetrocloud.com/v1',
    });
    expect(wetrocloudDescriptor({ apiVersion: 'v2' }).defaultBaseURL).toBe('https://api.wetrocloud.com/v2');
  });

  it("sends the key as `Token <key>` (the security scheme's x-textgen-auth-prefix)", () => {
    expect(wetrocloudDescriptor().authorization).toEqual({ header: 'Authorization', prefix: 'Token' });
  });

  it('rejects an API version outside the spec enum, naming the choices', () => {
    const apiVersion = 'v3' as WetrocloudClientOptions['apiVersion'];
    expect(() => createWetrocloud({ apiKey: 'k', apiVersion })).toThrow(TextgenError);
    expect(() => wetrocloudDescriptor({ apiVersion })).toThrow(
      `[wetrocloud] apiVersion must be 'v1' or 'v2'; got "v3".`,
    );
  });
});
