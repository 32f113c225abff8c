import OpenAI from 'openai';
import createClient from 'openapi-fetch';
import { benchmarkVendor, clientMethod, readAnswerText } from './benchmark-vendor';
import type { CannedCompletion } from './canned-bodies';
import { createOurClient, type BuiltPackages } from './load-built-packages';

/** The `fetch` every contender is given: the global one for loopback runs, a stub for the pure-CPU runs. */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * OpenAI's completions operation, typed for openapi-fetch by hand: the benchmark vendor speaks it (its spec says
 * `x-textgen-openai-compatible`), and its generated `paths` type would name the vendor here.
 */
interface CompletionPaths {
  '/completions': {
    post: {
      requestBody: { content: { 'application/json': Record<string, unknown> } };
      responses: { 200: { content: { 'application/json': Record<string, unknown> } } };
    };
  };
}

/** One way of making the same non-stream `POST /completions`; `call` rejects unless the canned completion came back. */
export interface NonStreamCaller {
  name: string;
  call: () => Promise<void>;
}

/** Not a real key; nothing checks it, but every client sends it as a real one would. */
const benchmarkApiKey = 'bench-local-key';

export const oursName = benchmarkVendor.packageName;
export const rawFetchName = 'raw fetch';
export const rawFetchWithTimeoutName = 'raw fetch + timeout';
export const openapiFetchName = 'openapi-fetch';
export const lightOpenapiFetchName = 'openapi-fetch, light Request + timeout';
export const openaiName = 'openai SDK';

/** The timeout every client with a default keeps (openai-node's and core's: 10 minutes); it never fires here. */
const defaultTimeoutMs = 10 * 60 * 1000;

/**
 * `fetch(url, init)` with what any client that honours a timeout must add: one AbortController and one plain timer
 * per call, as openai-node and core do.
 */
async function fetchWithTimeout(
  fetch: FetchFunction,
  url: string | URL | Request,
  init: RequestInit,
): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), defaultTimeoutMs);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The cheapest object openapi-fetch accepts as its `Request` option: it keeps what openapi-fetch built (URL, method,
 * its merged Headers, the serialized body) so the fetch below can make one plain `fetch(url, init)` call. This is how
 * core drives openapi-fetch, minus everything core adds, so it is the floor of any client that keeps openapi-fetch as
 * its runtime.
 */
class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: HeadersInit | undefined;
  readonly body: BodyInit | null | undefined;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers;
    this.body = init.body;
  }
}

/**
 * The contenders, each with its defaults except the base URL, the key and the fetch: raw `fetch` + `response.json()`
 * (the floor), the same with a timeout (the floor of a client that has one), openapi-fetch driven as core drives it
 * (the floor of a client built on openapi-fetch), bare openapi-fetch (the library core wraps, as its users call it),
 * the official openai SDK, and ours.
 * Each call checks `choices[0].text`, so a contender that fails fast (an error turned into a cheap return) stops
 * the run instead of looking fast.
 */
export function createNonStreamCallers(options: {
  packages: BuiltPackages;
  /** Ends in `/v1`, as both OpenAI-format clients expect. */
  baseURL: string;
  fetch: FetchFunction;
  completion: CannedCompletion;
}): NonStreamCaller[] {
  const { packages, baseURL, fetch, completion } = options;
  const { request, expectedText } = completion;
  const check = (name: string, body: unknown) => {
    if (readAnswerText(body) !== expectedText) throw new Error(`${name} did not return the canned completion.`);
  };

  const completionsURL = `${baseURL}/completions`;
  // The two raw contenders differ only in the fetch they call: plain, or with a timeout.
  const rawFetchCaller = (name: string, send: FetchFunction): NonStreamCaller => ({
    name,
    call: async () => {
      const response = await send(completionsURL, {
        method: 'POST',
        headers: { authorization: `Bearer ${benchmarkApiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      if (!response.ok) throw new Error(`${name} got HTTP ${response.status}.`);
      check(name, await response.json());
    },
  });
  // The two openapi-fetch contenders differ only in how their client is built.
  const openapiFetchCaller = (name: string, client: ReturnType<typeof createClient<CompletionPaths>>) => ({
    name,
    call: async () => {
      const result = await client.POST('/completions', { body: request });
      if (!result.response.ok) throw new Error(`${name} got HTTP ${result.response.status}.`);
      check(name, result.data);
    },
  });
  const openapiFetchClient = createClient<CompletionPaths>({
    baseUrl: baseURL,
    headers: { authorization: `Bearer ${benchmarkApiKey}` },
    fetch,
  });
  const lightOpenapiFetchClient = createClient<CompletionPaths>({
    baseUrl: baseURL,
    headers: { authorization: `Bearer ${benchmarkApiKey}` },
    Request: LightRequest as unknown as typeof Request,
    fetch: (request) => {
      const { url, method, headers, body } = request as unknown as LightRequest;
      return fetchWithTimeout(fetch, url, { method, headers, body });
    },
  });
  const openai = new OpenAI({ baseURL, apiKey: benchmarkApiKey, fetch });
  const createCompletion = clientMethod(createOurClient(packages, { baseURL, apiKey: benchmarkApiKey, fetch }));

  return [
    rawFetchCaller(rawFetchName, fetch),
    rawFetchCaller(rawFetchWithTimeoutName, (url, init) => fetchWithTimeout(fetch, url, init ?? {})),
    openapiFetchCaller(lightOpenapiFetchName, lightOpenapiFetchClient),
    openapiFetchCaller(openapiFetchName, openapiFetchClient),
    {
      name: openaiName,
      call: async () =>
        check(
          openaiName,
          await openai.completions.create(request as unknown as OpenAI.CompletionCreateParamsNonStreaming),
        ),
    },
    { name: oursName, call: async () => check(oursName, await createCompletion(request)) },
  ];
}

/**
 * A fetch that never touches the network: it reads the request body (a real fetch has to send it, so a client that
 * hands over a `Request` pays for its body stream here as it would on the wire), checks that it is the completion
 * request, and answers with a fresh canned `Response` of the spec's example. Every contender gets the same stub.
 *
 * It answers in a new macrotask (setImmediate), as a network response arrives in an I/O callback. A stub that answered
 * in a microtask would run a whole sample as one task, and objects read through a WeakRef during a task stay alive
 * until it ends (ECMAScript's kept-alive list): undici's Request with a signal does that, and such a client would keep
 * about 12 kB per call for the whole sample and pay GC for it, which it does not on a network.
 */
export function createStubbedFetch(completion: CannedCompletion): FetchFunction {
  const expectedModel = `"model":${JSON.stringify(completion.request.model)}`;
  const readBody = async (input: string | URL | Request, init: RequestInit | undefined): Promise<string> => {
    if (input instanceof Request) return input.text();
    const body = init?.body;
    if (typeof body === 'string') return body;
    if (body === undefined || body === null) return '';
    return new Response(body).text();
  };
  return async (input, init) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const sent = await readBody(input, init);
    if (!sent.includes(expectedModel)) throw new Error('The stubbed fetch got a request without the completion body.');
    return new Response(completion.responseText, {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req_bench_0001' },
    });
  };
}
