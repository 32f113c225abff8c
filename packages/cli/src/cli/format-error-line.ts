/**
 * One `textgen: ...` line for an error. Messages may span lines (commander's, some vendors') and the facade's own
 * already start with `textgen: `, which is not doubled.
 */
export function formatErrorLine(message: string): string {
  return `textgen: ${message.replace(/\s*\n\s*/g, ' ').trim().replace(/^(?:textgen: )+/, '')}\n`;
}
