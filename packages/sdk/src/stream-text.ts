import type { Textgen } from './create-textgen';
import { getDefaultTextgen } from './default-textgen';
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
  const { textgen = getDefaultTextgen(), ...call } = input ?? {};
  return textgen.streamText(call);
}
