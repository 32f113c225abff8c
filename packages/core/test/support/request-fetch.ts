import type { Fetch } from '../../src/index';

/** A client `fetch` for tests that read what was sent as a WHATWG Request; core itself calls `fetch(url, init)`. */
export function requestFetch(handle: (request: Request) => Response | Promise<Response>): Fetch {
  return async (url, init) => handle(new Request(url, init));
}
