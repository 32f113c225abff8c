import type { VendorDescriptor } from '@textgen/core';
import { readWetrocloudErrorMessage } from './wetrocloud-error';

/** `v1` is documented; `v2` is what a later, unpinned build of the official Node SDK targets (unconfirmed). */
export type WetrocloudApiVersion = 'v1' | 'v2';

/** The spec's server `https://api.wetrocloud.com/{apiVersion}` with the version filled in. */
export function wetrocloudDefaultBaseURL(apiVersion: WetrocloudApiVersion = 'v1'): string {
  switch (apiVersion) {
    case 'v1':
    case 'v2':
      return `https://api.wetrocloud.com/${apiVersion}`;
    default: {
      const unknownVersion: never = apiVersion;
      throw new TypeError(`Unknown Wetrocloud apiVersion ${JSON.stringify(unknownVersion)}: use 'v1' or 'v2'.`);
    }
  }
}

/** What core needs to know about Wetrocloud; the default base URL depends on the API version. */
export function createWetrocloudDescriptor(options: { apiVersion?: WetrocloudApiVersion | undefined } = {}): VendorDescriptor {
  return {
    vendor: 'wetrocloud',
    environmentPrefix: 'WETROCLOUD',
    defaultBaseURL: wetrocloudDefaultBaseURL(options.apiVersion),
    // The quickstart requires `Token <key>` and says other formats are rejected; the API-reference page's bare key
    // is wrong (vendors.md, Wetrocloud "Auth").
    authorizationHeader: (apiKey) => ({ name: 'Authorization', value: `Token ${apiKey}` }),
    errorMessageFromBody: readWetrocloudErrorMessage,
  };
}
