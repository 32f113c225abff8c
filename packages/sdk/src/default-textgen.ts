import { createTextgen, type Textgen } from './create-textgen';

let defaultTextgen: Textgen | undefined;

/**
 * The instance behind the top-level `generateText` and `streamText`: every vendor configured from its environment
 * variables (`<VENDOR>_API_KEY`, `<VENDOR>_BASE_URL`), each client made on first use.
 */
export function getDefaultTextgen(): Textgen {
  defaultTextgen ??= createTextgen();
  return defaultTextgen;
}
