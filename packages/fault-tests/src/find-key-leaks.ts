import { inspect } from 'node:util';

/**
 * Every place a user could see the key through an error: the message, the stack, each cause in the chain (message,
 * stack, and as a string), `JSON.stringify`, and `util.inspect` at full depth (what a logger prints). Returns the
 * names of the places that hold `key`.
 */
export function findKeyInError(error: unknown, key: string): string[] {
  const places: [string, unknown][] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 20; depth++) {
    const label = depth === 0 ? 'error' : `cause#${depth}`;
    if (current instanceof Error) {
      places.push([`${label}.message`, current.message], [`${label}.stack`, current.stack]);
    }
    places.push([`String(${label})`, safely(() => String(current))]);
    if (typeof current === 'object') {
      const record = current as Record<string, unknown>;
      for (const field of ['requestId', 'body', 'headers'] as const) {
        if (field in record) places.push([`${label}.${field}`, safely(() => describeValue(record[field]))]);
      }
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  places.push(['JSON.stringify', safely(() => JSON.stringify(error))]);
  places.push(['util.inspect', safely(() => inspect(error, { depth: Infinity }))]);
  places.push(['util.inspect (hidden)', safely(() => inspect(error, { depth: Infinity, showHidden: true }))]);
  return places.filter(([, text]) => typeof text === 'string' && text.includes(key)).map(([place]) => place);
}

/** The log lines that hold the key, by index. */
export function findKeyInLog(lines: readonly string[], key: string): string[] {
  return lines.flatMap((line, index) => (line.includes(key) ? [`log line ${index + 1}`] : []));
}

function describeValue(value: unknown): string {
  if (value instanceof Headers) return JSON.stringify([...value.entries()]);
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function safely(read: () => string | undefined): string {
  try {
    return read() ?? '';
  } catch (error) {
    // A value that cannot be printed cannot leak through printing; note why for the curious.
    return `<could not be printed: ${error instanceof Error ? error.message : String(error)}>`;
  }
}
