import { TextgenError } from '@textgen/core';
import type { TextgenCalls } from './create-textgen';
import { getDefaultTextgen } from './default-textgen';
import { describe, describeThrown } from './normalize-call-input';

/**
 * The `textgen` field of the top-level generateText and streamText: the instance to call, or the default one. Throws
 * a TextgenError naming the field for anything that is not a Textgen (null, a number, an object without the methods,
 * a Proxy whose traps throw), where calling it would have thrown a TypeError of the caller's own making.
 */
export function readTextgenField(input: unknown): TextgenCalls<string> {
  if (typeof input !== 'object' || input === null) {
    throw new TextgenError('textgen: pass an input object { provider, model, messages | prompt }.');
  }
  let textgen: unknown;
  let methods: unknown[];
  try {
    textgen = (input as { textgen?: unknown }).textgen;
    if (textgen === undefined) return getDefaultTextgen();
    const candidate = textgen as Record<string, unknown>;
    methods = typeof textgen === 'object' && textgen !== null ? [candidate.generateText, candidate.streamText] : [];
  } catch (error) {
    throw new TextgenError(
      `textgen: textgen could not be read (${describeThrown(error)}); pass the object createTextgen() returned, or leave textgen out.`,
    );
  }
  if (methods.length === 0 || methods.some((method) => typeof method !== 'function')) {
    throw new TextgenError(
      `textgen: textgen is ${describe(textgen)}, not a Textgen; pass the object createTextgen() returned, or leave textgen out.`,
    );
  }
  return textgen as TextgenCalls<string>;
}
