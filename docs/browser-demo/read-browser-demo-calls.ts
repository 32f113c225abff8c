import { readVendorExamples } from '../../scripts/vendor-examples';
import type { BrowserDemoCall } from './browser-demo-calls';

/** One call per vendor of the registry: each spec's demo question and the answers the mock serves for it. */
export function readBrowserDemoCalls(): BrowserDemoCall[] {
  return readVendorExamples().map((vendor) => ({
    provider: vendor.id,
    title: vendor.title,
    model: vendor.model,
    system: vendor.system,
    prompt: vendor.prompt,
    mockPath: vendor.mockPath,
    generateExample: vendor.generate.responseExample,
    streamExample: vendor.stream.responseExample,
  }));
}
