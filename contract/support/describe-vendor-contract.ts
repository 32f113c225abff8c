import { createParser } from 'eventsource-parser';
import {
  getResponseSchema,
  getStreamChunkSchema,
  listUndeclaredFields,
  responseSchemaErrors,
  streamChunkSchemaErrors,
  type MockVendor,
} from '@textgen/mocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContractTarget, contractMode, resolveContractTarget, type ContractTarget } from './contract-target';

/** One cheap call of one operation, as the vendor documents it. */
export interface ContractCall {
  operationId: string;
  /** Tells apart two calls of one operation in the test names, e.g. `response_as_dict: false`. */
  label?: string;
  /** The path below the base URL, path parameters filled in. */
  path: string;
  body: Record<string, unknown>;
  /**
   * How the 200 streams, or `json`. Parsers never trust the Content-Type (specs/vendor-facts.md "Modelling decisions"
   * 3).
   */
  answer: 'json' | { framing: 'sse' | 'ndjson'; terminator?: string };
}

export interface VendorContract {
  vendor: MockVendor;
  authorization(apiKey: string): string;
  calls: ContractCall[];
}

/** A drift finding: a member the API sent that no schema on its path declares. */
interface Drift {
  operationId: string;
  where: string;
  pointer: string;
}

async function post(options: {
  target: ContractTarget;
  contract: VendorContract;
  call: ContractCall;
  apiKey?: string;
  headers?: Record<string, string>;
}) {
  return fetch(`${options.target.baseURL}${options.call.path}`, {
    method: 'POST',
    headers: {
      authorization: options.contract.authorization(options.apiKey ?? options.target.apiKey),
      'content-type': 'application/json',
      ...options.headers,
    },
    body: JSON.stringify(options.call.body),
  });
}

/** The data payloads of an SSE body (eventsource-parser), or the lines of an NDJSON body. */
function streamPayloads(body: string, framing: 'sse' | 'ndjson'): string[] {
  if (framing === 'ndjson') return body.split('\n').filter((line) => line.trim() !== '');
  const payloads: string[] = [];
  const parser = createParser({ onEvent: (event) => payloads.push(event.data) });
  parser.feed(body);
  return payloads;
}

function describeBody(body: unknown): string {
  const text = JSON.stringify(body) ?? String(body);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/**
 * One contract suite for one vendor: every listed call answered 200 with a body (or every stream chunk) valid against
 * the spec's response schemas, and a wrong key answered 401 with the vendor's error body. Live, a member the API
 * sends that the spec does not declare is reported as drift with its JSON pointer; against the mock there must be none.
 */
export function describeVendorContract(contract: VendorContract): void {
  const { vendor } = contract;
  const drifts: Drift[] = [];
  let target: ContractTarget;

  beforeAll(async () => {
    target = await resolveContractTarget(vendor);
  });
  afterAll(async () => {
    for (const drift of drifts)
      console.log(
        `contract ${contractMode}: ${vendor} drift: ${drift.operationId} ${drift.where} ${drift.pointer} is not in the spec`,
      );
    if (contractMode === 'mock') expect(drifts, 'the mock sends only fields its spec declares').toEqual([]);
    await closeContractTarget();
  });

  const recordDrift = (
    operationId: string,
    where: string,
    schema: Parameters<typeof listUndeclaredFields>[0],
    value: unknown,
  ) => {
    for (const { pointer } of listUndeclaredFields(schema, value)) drifts.push({ operationId, where, pointer });
  };

  describe(`${vendor} contract (${contractMode})`, () => {
    for (const call of contract.calls) {
      const kind = call.answer === 'json' ? 'JSON' : `${call.answer.framing} stream`;
      it(`${call.operationId}${call.label === undefined ? '' : ` (${call.label})`}: ${kind} answer valid against the spec`, async () => {
        const response = await post({ target, contract, call });
        const text = await response.text();
        expect(response.status, text.slice(0, 400)).toBe(200);
        if (call.answer === 'json') {
          const body: unknown = JSON.parse(text);
          const errors = responseSchemaErrors({ vendor, operationId: call.operationId, status: 200, body });
          expect(errors, describeBody(body)).toEqual([]);
          recordDrift(
            call.operationId,
            'response',
            getResponseSchema({ vendor, operationId: call.operationId, status: 200 }),
            body,
          );
          return;
        }
        const payloads = streamPayloads(text, call.answer.framing);
        const terminator = call.answer.terminator;
        if (terminator !== undefined) expect(payloads.at(-1), 'the stream ends with its terminator').toBe(terminator);
        const chunks = payloads
          .filter((payload) => payload !== terminator)
          .map((payload) => JSON.parse(payload) as unknown);
        expect(chunks.length, 'at least one chunk').toBeGreaterThan(0);
        const chunkSchema = getStreamChunkSchema({ vendor, operationId: call.operationId });
        for (const [index, chunk] of chunks.entries()) {
          expect(
            streamChunkSchemaErrors({ vendor, operationId: call.operationId, chunk }),
            describeBody(chunk),
          ).toEqual([]);
          recordDrift(call.operationId, `stream chunk ${index}`, chunkSchema, chunk);
        }
      });
    }

    const [firstCall] = contract.calls;
    it('a wrong key gets 401 with the vendor error body', async () => {
      expect(firstCall, 'a call to send').toBeDefined();
      // The mock accepts any well-formed key (a wrong one cannot be told apart), so it is asked for its 401 with
      // Prism's `Prefer: code=401`; a real API ignores that header and refuses the key itself.
      const response = await post({
        target,
        contract,
        call: firstCall!,
        apiKey: 'textgen-contract-wrong-key',
        headers: { prefer: 'code=401' },
      });
      const body: unknown = await response.json();
      expect(response.status, describeBody(body)).toBe(401);
      expect(
        responseSchemaErrors({ vendor, operationId: firstCall!.operationId, status: 401, body }),
        describeBody(body),
      ).toEqual([]);
    });
  });
}
