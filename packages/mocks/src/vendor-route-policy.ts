import type { MockVendor } from './vendor-specs';

/**
 * Whether the mock also answers a spec path without its trailing slash.
 * - Eden AI: yes. Its schema spells `/text/chat/`, but LangChain and other shipped clients call `/text/chat` and
 *   `/text/chat/stream`, so the server accepts both (vendors.md, Eden AI "Trailing slash").
 * - Wetrocloud: no. Its Django REST Framework backend routes the slash strictly; a client that drops it is broken, and
 *   the mock should say so by not matching.
 * - WorqHat, AITRE: their paths have no trailing slash, so the question does not arise.
 */
export function acceptsPathWithoutTrailingSlash(vendor: MockVendor): boolean {
  switch (vendor) {
    case 'edenai':
      return true;
    case 'wetrocloud':
    case 'worqhat':
    case 'aitre':
      return false;
    default: {
      const unreachable: never = vendor;
      throw new Error(`Unknown vendor ${String(unreachable)}`);
    }
  }
}
