import type { Textgen } from './create-textgen';
import { getDefaultTextgen } from './default-textgen';
import type { GenerateTextResult, TextgenCallInput } from './textgen-types';

export interface GenerateTextInput extends TextgenCallInput {
  /** The facade instance to use; by default one configured from the environment. */
  textgen?: Textgen | undefined;
}

/** Generates text with one provider and waits for the whole answer. */
export function generateText(input: GenerateTextInput): Promise<GenerateTextResult> {
  const { textgen = getDefaultTextgen(), ...call } = input ?? {};
  return textgen.generateText(call);
}
