/**
 * The runtime smoke program: the calls a user makes first, written once and run unchanged on every runtime of the
 * matrix (Node, Bun, Deno, workerd, Chromium), for every vendor of the registry. It only uses what the packages need
 * from the platform (fetch, streams, TextDecoder), imports nothing from Node, and judges nothing: it reports what each
 * call returned and the runner (run-runtime-matrix.ts) compares that with what the specs' examples say the mock
 * answers.
 */
import { createTextgenProvider } from '@textgen/ai-sdk-provider';
import {
  APIError,
  AuthenticationError,
  createTextgen,
  generateText,
  streamText,
  type TextgenProvider,
} from '@textgen/sdk';
import { generateText as generateTextWithAISDK } from 'ai';
import { smokeVendors } from 'textgen-smoke-vendors';
import {
  smokeApiKey,
  smokeCaseNames,
  type SmokeCaseName,
  type SmokeCaseReport,
  type TypedErrorObservation,
} from './smoke-inputs';

// A call that hangs must fail the case, not the whole matrix: every call gets a timeout and no retries.
const callOptions = { maxRetries: 0, timeout: 20_000 } as const;

type Vendor = (typeof smokeVendors)[number];
type ClientMethod = (body: Record<string, unknown>, options?: { headers?: Record<string, string> }) => Promise<unknown>;

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** `client[resource][name]`, the method the spec's `x-textgen-method` names, bound to its resource. */
function clientMethod(client: unknown, call: { resource: string; name: string }): ClientMethod {
  const resource = (client as Record<string, Record<string, unknown>>)[call.resource];
  const method = resource?.[call.name];
  if (typeof method !== 'function') throw new Error(`The client has no ${call.resource}.${call.name}()`);
  return (method as ClientMethod).bind(resource);
}

/** Runs `call` for every vendor: one entry per vendor id, or that vendor's error, so one failure names its vendor. */
async function perVendor(call: (vendor: Vendor) => Promise<unknown>): Promise<Record<string, unknown>> {
  const observed: Record<string, unknown> = {};
  for (const vendor of smokeVendors) {
    try {
      observed[vendor.id] = await call(vendor);
    } catch (error) {
      observed[vendor.id] = { error: describeError(error) };
    }
  }
  return observed;
}

function prefer(example: string): { headers: Record<string, string> } {
  return { headers: { Prefer: `example=${example}` } };
}

export async function runSmokeCases(mockUrl: string): Promise<SmokeCaseReport[]> {
  const origin = mockUrl.replace(/\/+$/, '');
  const clientOptions = (vendor: Vendor) => ({
    apiKey: smokeApiKey,
    baseURL: `${origin}${vendor.mockPath}`,
    ...callOptions,
  });
  const textgen = createTextgen(Object.fromEntries(smokeVendors.map((vendor) => [vendor.id, clientOptions(vendor)])));
  const aiSDKProvider = createTextgenProvider(
    Object.fromEntries(smokeVendors.map((vendor) => [vendor.id, clientOptions(vendor)])),
  );
  const facadeInput = (vendor: Vendor, responseExample: string) => ({
    textgen,
    provider: vendor.id as TextgenProvider,
    model: vendor.model,
    system: vendor.system,
    prompt: vendor.prompt,
    ...prefer(responseExample),
  });

  const cases: Record<SmokeCaseName, () => Promise<unknown>> = {
    // The vendor package's own client, called with the spec's request example as a user copies it from the docs.
    'vendor client': () =>
      perVendor(async (vendor) => {
        const client = vendor.create(clientOptions(vendor));
        return await clientMethod(client, vendor.generate)(
          vendor.generate.body,
          prefer(vendor.generate.responseExample),
        );
      }),
    'vendor stream': () =>
      perVendor(async (vendor) => {
        const client = vendor.create(clientOptions(vendor));
        const stream = await clientMethod(client, vendor.stream)(
          vendor.stream.body,
          prefer(vendor.stream.responseExample),
        );
        const chunks: unknown[] = [];
        for await (const chunk of stream as AsyncIterable<unknown>) chunks.push(chunk);
        return chunks;
      }),
    generateText: () =>
      perVendor(async (vendor) => (await generateText(facadeInput(vendor, vendor.generate.responseExample))).text),
    streamText: () =>
      perVendor(async (vendor) => {
        const parts: string[] = [];
        for await (const part of streamText(facadeInput(vendor, vendor.stream.responseExample))) parts.push(part.text);
        return parts;
      }),
    'typed error': () =>
      perVendor(async (vendor): Promise<TypedErrorObservation | undefined> => {
        if (vendor.authenticationErrorExample === undefined) return undefined;
        try {
          // The mock answers with the spec's 401 example: what a revoked or mistyped key gets from the vendor.
          const client = vendor.create(clientOptions(vendor));
          await clientMethod(client, vendor.generate)(vendor.generate.body, prefer(vendor.authenticationErrorExample));
          return { threw: false, isAuthenticationError: false, isAPIError: false, status: undefined, message: '' };
        } catch (error) {
          return {
            threw: true,
            // The @textgen/sdk classes, while the error came from the vendor package's copy of core: isInstance must
            // match.
            isAuthenticationError: AuthenticationError.isInstance(error),
            isAPIError: APIError.isInstance(error),
            status: APIError.isInstance(error) ? error.status : undefined,
            message: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    'ai-sdk generateText': () =>
      perVendor(async (vendor) => {
        // The real `ai` package drives the provider, as a user's app would; its own retries are off like the client's.
        const result = await generateTextWithAISDK({
          model: aiSDKProvider(`${vendor.id}:${vendor.model}` as Parameters<typeof aiSDKProvider>[0]),
          system: vendor.system,
          prompt: vendor.prompt,
          maxRetries: 0,
          ...prefer(vendor.generate.responseExample),
        });
        return result.text;
      }),
  };

  const reports: SmokeCaseReport[] = [];
  for (const name of smokeCaseNames) {
    try {
      reports.push({ name, observed: await cases[name]() });
    } catch (error) {
      reports.push({ name, error: describeError(error) });
    }
  }
  return reports;
}
