/**
 * One `textgen: ...` line for an error, ending in a full stop. Messages may span lines (commander's, some vendors'),
 * some end without a stop (commander's, a vendor's own text), and the facade's own already start with `textgen: `,
 * which is not doubled.
 */
export function formatErrorLine(message: string): string {
  const line = message.replace(/\s*\n\s*/g, ' ').trim().replace(/^(?:textgen: )+/, '');
  return `textgen: ${/[.!?…]$/.test(line) ? line : `${line}.`}\n`;
}
