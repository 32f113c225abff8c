import { describe, expect, it } from 'vitest';
import { createWetrocloudDescriptor, wetrocloudDefaultBaseURL, type WetrocloudApiVersion } from './wetrocloud-descriptor';

describe('createWetrocloudDescriptor', () => {
  it('uses the spec server with v1 by default', () => {
    const descriptor = createWetrocloudDescriptor();
    expect(descriptor).toMatchObject({ vendor: 'wetrocloud', environmentPrefix: 'WETROCLOUD', defaultBaseURL: 'https://api.wetrocloud.com/v1' });
    expect(createWetrocloudDescriptor({ apiVersion: 'v2' }).defaultBaseURL).toBe('https://api.wetrocloud.com/v2');
  });

  it('sends the key as `Token <key>`', () => {
    expect(createWetrocloudDescriptor().authorizationHeader('abc')).toEqual({ name: 'Authorization', value: 'Token abc' });
  });

  it('rejects an API version outside the spec enum', () => {
    expect(() => wetrocloudDefaultBaseURL('v3' as WetrocloudApiVersion)).toThrow(/Unknown Wetrocloud apiVersion "v3"/);
  });
});
