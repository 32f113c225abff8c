import type { TextgenCalls } from './create-textgen';
import { readTextgenField } from './read-facade-input';
import type { StreamTextResult, TextgenCallInput, TextgenProvider } from './textgen-types';

export interface StreamTextInput<Provider extends string = TextgenProvider> extends TextgenCallInput<Provider> {
  /** The facade instance to use; by default one configured from the environment. */
  textgen?: TextgenCalls<Provider> | undefined;
}

/**
 * Streams text from one provider. Throws a TextgenError right away for bad input. Iterate the result for
 * `{ type: 'text-delta', text }` parts (`break` aborts the request); `text`, `usage` and `finishReason` resolve when
 * the stream ends. The provider names are those of `textgen` (the default ones without it).
 */
export function streamText<Provider extends string = TextgenProvider>(
  // NoInfer: the names come from `textgen` alone, so a misspelt `provider` is a type error, not a new name.
  input: TextgenCallInput<NoInfer<Provider>> & Pick<StreamTextInput<Provider>, 'textgen'>,
): StreamTextResult<Provider> {
  // The input is passed on whole: normalizeCallInput reads only the call's fields, so `textgen` is ignored there.
  return readTextgenField(input).streamText(input) as StreamTextResult<Provider>;
}
