const redactedText = '[redacted]';

/** Removes one secret (the API key) from text, parsed bodies and headers before they reach an error or a log. */
export interface Redactor {
  // Function properties, not methods: they close over the secret and are handed around unbound.
  text: (value: string) => string;
  value: (value: unknown) => unknown;
  headers: (headers: Headers) => Headers;
  /** The error itself when its text is free of the secret, else undefined: a `cause` is printed by util.inspect. */
  safeCause: (error: unknown) => unknown;
}

export function createRedactor(options: { secret: string; headerName: string }): Redactor {
  const secretHeaderNames = new Set(['authorization', options.headerName.toLowerCase()]);
  const text = (value: string): string =>
    options.secret === '' ? value : value.split(options.secret).join(redactedText);
  const redactValue = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value);
    // Depth cap: a vendor body is shallow; a cycle or a huge tree must not hang error construction.
    if (depth > 20 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, depth + 1)]));
  };
  return {
    text,
    value: (value) => redactValue(value, 0),
    safeCause(error) {
      const cause = error instanceof Error ? error.cause : undefined;
      const printed = error instanceof Error ? `${error.stack} ${String(cause)} ${String((cause as Error)?.stack)}` : String(error);
      return text(printed) === printed ? error : undefined;
    },
    headers(headers) {
      const redacted = new Headers();
      headers.forEach((value, name) => {
        redacted.set(name, secretHeaderNames.has(name) ? redactedText : text(value));
      });
      return redacted;
    },
  };
}
