const redactedText = '[redacted]';
const minimumSubstringSecretLength = 8;

/** Removes one secret (the API key) from text, parsed bodies and headers before they reach an error or a log. */
export interface Redactor {
  // Function properties, not methods: they close over the secret and are handed around unbound.
  text: (value: string) => string;
  /** A copy with the secret removed from every string and every object key, at any depth (cycles are kept). */
  value: (value: unknown) => unknown;
  headers: (headers: Headers) => Headers;
  /**
   * The error itself when nothing util.inspect would print holds the secret, else undefined. Anything it cannot vouch
   * for (a Request, a Headers, a getter) drops the cause: a lost cause costs less than a leaked key.
   */
  safeCause: (error: unknown) => unknown;
}

export function createRedactor(options: { secret: string; headerName: string }): Redactor {
  const secretHeaderNames = new Set(['authorization', options.headerName.toLowerCase()]);
  // The key also reaches URLs (encodeURIComponent) and form bodies (URLSearchParams writes ' ' as '+' and escapes
  // more);
  // longest first, so a shorter variant never splits a longer one.
  const secrets = [
    ...new Set([
      options.secret,
      encodeURIComponent(options.secret),
      new URLSearchParams([['', options.secret]]).toString().slice(1),
    ]),
  ]
    .filter((secret) => secret !== '')
    .sort((left, right) => right.length - left.length);
  // A key shorter than any real one (a test key such as "k") is matched only as a whole token: replacing every "k"
  // would mangle each message ("Chec[redacted] the base URL") and hide nothing worth hiding.
  const patterns = secrets.map((secret) => {
    const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(secret.length < minimumSubstringSecretLength ? `(?<![\\w-])${escaped}(?![\\w-])` : escaped, 'g');
  });
  // Most text holds no variant of the key at all (every request id and log line of a healthy call): one substring
  // search per variant answers that without running a regular expression over the text.
  const text = (value: string): string =>
    secrets.some((secret) => value.includes(secret))
      ? patterns.reduce((result, pattern) => result.replace(pattern, redactedText), value)
      : value;
  const holdsSecret = (value: string): boolean => patterns.some((pattern) => value.search(pattern) !== -1);

  // Iterative, with a map of copies instead of a depth cap: a parsed body can nest deeper than the call stack allows.
  const redactValue = (root: unknown): unknown => {
    const copies = new Map<object, object>();
    const pending: [object, object][] = [];
    const copyOf = (value: unknown): unknown => {
      if (typeof value === 'string') return text(value);
      if (typeof value !== 'object' || value === null) return value;
      let copy = copies.get(value);
      if (!copy) {
        copy = Array.isArray(value) ? [] : {};
        copies.set(value, copy);
        pending.push([value, copy]);
      }
      return copy;
    };
    const result = copyOf(root);
    for (let entry = pending.pop(); entry; entry = pending.pop()) {
      const [source, copy] = entry;
      for (const [key, item] of Object.entries(source)) {
        // defineProperty, not assignment: a `__proto__` key from JSON.parse must stay a plain key.
        Object.defineProperty(copy, Array.isArray(source) ? key : text(key), {
          value: copyOf(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    return result;
  };

  const isPlain = (value: object): boolean => {
    const prototype: unknown = Object.getPrototypeOf(value);
    return value instanceof Error || Array.isArray(value) || prototype === Object.prototype || prototype === null;
  };
  /** Walks every own property (enumerable or not, as util.inspect shows `cause` and `errors`) of the whole graph. */
  const mayHoldSecret = (root: unknown): boolean => {
    const seen = new Set<object>();
    const pending: unknown[] = [root];
    for (; pending.length > 0;) {
      const value = pending.pop();
      if (typeof value === 'string' ? holdsSecret(value) : typeof value === 'function' || typeof value === 'symbol')
        return true;
      if (typeof value !== 'object' || value === null || seen.has(value)) continue;
      if (!isPlain(value)) return true;
      seen.add(value);
      if (value instanceof Error) pending.push(value.name, value.message, value.stack);
      for (const key of Reflect.ownKeys(value)) {
        if (typeof key === 'string' && holdsSecret(key)) return true;
        const descriptor = Object.getOwnPropertyDescriptor(value, key);
        if (!descriptor || !('value' in descriptor)) return true;
        pending.push(descriptor.value);
      }
    }
    return false;
  };

  return {
    text,
    value: redactValue,
    safeCause(error) {
      try {
        return mayHoldSecret(error) ? undefined : error;
      } catch {
        return undefined;
      }
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
