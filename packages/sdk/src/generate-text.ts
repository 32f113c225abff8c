import type { TextgenCalls } from './create-textgen';
import { readTextgenField } from './read-facade-input';
import type { GenerateTextResult, TextgenCallInput, TextgenProvider } from './textgen-types';

export interface GenerateTextInput<Provider extends string = TextgenProvider> extends TextgenCallInput<Provider> {
  /** The facade instance to use; by default one configured from the environment. */
  textgen?: TextgenCalls<Provider> | undefined;
}

/**
 * Generates text with one provider and waits for the whole answer. Never throws: bad input, like every other failure,
 * rejects the promise with a TextgenError. The provider names are those of `textgen` (the default ones without it).
 */
export function generateText<Provider extends string = TextgenProvider>(
  // NoInfer: the names come from `textgen` alone, so a misspelt `provider` is a type error, not a new name.
  input: TextgenCallInput<NoInfer<Provider>> & Pick<GenerateTextInput<Provider>, 'textgen'>,
): Promise<GenerateTextResult<Provider>> {
  try {
    // The input is passed on whole: normalizeCallInput reads only the call's fields, so `textgen` is ignored there.
    return readTextgenField(input).generateText(input) as Promise<GenerateTextResult<Provider>>;
  } catch (error) {
    // readTextgenField throws only TextgenErrors; either way a caller of a promise-returning function gets a rejection.
    return Promise.reject(error);
  }
}
