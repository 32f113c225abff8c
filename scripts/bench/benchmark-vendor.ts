/**
 * The vendor the benchmarks time: the one whose spec says `x-textgen-openai-compatible: true` (specs/CONVENTIONS.md),
 * so the official openai SDK can call the same endpoint and be compared with our client. Its canned exchange is the
 * spec's own demo call (`x-textgen-demo.generate`): the request example every contender sends and the response
 * example every contender gets back.
 */
import { vendorRegistry } from '../../packages/mocks/src/generated/vendor-registry';
import { readPointer, readVendorExamples, type VendorExamples } from '../vendor-examples';

function findBenchmarkVendor(): VendorExamples & { answerPointer: string } {
  const entry = vendorRegistry.find(
    (candidate) => (candidate.spec.info as Record<string, unknown>)['x-textgen-openai-compatible'] === true,
  );
  const vendor = readVendorExamples().find((candidate) => candidate.id === entry?.id);
  if (entry === undefined || vendor === undefined) {
    throw new Error(
      'No spec in specs/ says x-textgen-openai-compatible: true; the benchmarks compare with the openai SDK on one.',
    );
  }
  return { ...vendor, answerPointer: entry.demo.answer.json };
}

export const benchmarkVendor = findBenchmarkVendor();

/** The answer text of a completion body, where the spec's `x-textgen-demo.answer.json` points. */
export function readAnswerText(body: unknown): unknown {
  return readPointer(body, benchmarkVendor.answerPointer);
}

/** A method of our client for the benchmark vendor's demo call: `client[resource][name](body, options)`. */
export type ClientMethod = (body: Record<string, unknown>, options?: Record<string, unknown>) => Promise<unknown>;

export function clientMethod(
  client: unknown,
  call: { resource: string; name: string } = benchmarkVendor.generate,
): ClientMethod {
  const resource = (client as Record<string, Record<string, unknown>>)[call.resource];
  const method = resource?.[call.name];
  if (typeof method !== 'function')
    throw new Error(`${benchmarkVendor.packageName} has no ${call.resource}.${call.name}()`);
  return (method as ClientMethod).bind(resource);
}
