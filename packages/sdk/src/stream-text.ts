import type { Textgen } from './create-textgen';
import { readTextgenField } from './read-facade-input';
import type { StreamTextResult, TextgenCallInput } from './textgen-types';

export interface StreamTextInput extends TextgenCallInput {
  /** The facade instance to use; by default one configured from the environment. */
  textgen?: Textgen | undefined;
}

/**
 * Streams text from one provider. Throws a TextgenError right away for bad input. Iterate the result for
 * `{ type: 'text-delta', text }` parts (`break` aborts the request); `text`, `usage` and `finishReason` resolve when
 * the stream ends.
 */
export function streamText(input: StreamTextInput): StreamTextResult {
  // The input is passed on whole: normalizeCallInput reads only the call's fields, so `textgen` is ignored there.
  return readTextgenField(input).streamText(input);
}
