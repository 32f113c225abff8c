/**
 * One `textgen: ...` line for an error, ending in a full stop. Messages may span lines (commander's, some vendors'),
 * some end without a stop (commander's, a vendor's own text), and the facade's own already start with `textgen: `,
 * which is not doubled.
 */
export function formatErrorLine(message: string): string {
  return `textgen: ${endWithFullStop(
    message
      .replace(/\s*\n\s*/g, ' ')
      .trim()
      .replace(/^(?:textgen: )+/, ''),
  )}\n`;
}

/** The text as a sentence: a full stop is added unless it already ends in one (or in ?, ! or …). */
export function endWithFullStop(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
