import type { Textgen } from './create-textgen';
import { readTextgenField } from './read-facade-input';
import type { GenerateTextResult, TextgenCallInput } from './textgen-types';

export interface GenerateTextInput extends TextgenCallInput {
  /** The facade instance to use; by default one configured from the environment. */
  textgen?: Textgen | undefined;
}

/**
 * Generates text with one provider and waits for the whole answer. Never throws: bad input, like every other failure,
 * rejects the promise with a TextgenError.
 */
export function generateText(input: GenerateTextInput): Promise<GenerateTextResult> {
  try {
    // The input is passed on whole: normalizeCallInput reads only the call's fields, so `textgen` is ignored there.
    return readTextgenField(input).generateText(input);
  } catch (error) {
    // readTextgenField throws only TextgenErrors; either way a caller of a promise-returning function gets a rejection.
    return Promise.reject(error);
  }
}
