/** What a `Prefer` header asks the mock for, in Prism's vocabulary: `Prefer: example=rate-limited, code=429`. */
export interface MockPreference {
  example?: string;
  code?: number;
}

export function parsePreferHeader(header: string | null): MockPreference {
  const preference: MockPreference = {};
  if (header === null) return preference;
  // RFC 7240 separates preferences with commas and parameters with semicolons; Prism accepts either, so do we.
  for (const token of header.split(/[,;]/)) {
    const separator = token.indexOf('=');
    if (separator === -1) continue;
    const key = token.slice(0, separator).trim().toLowerCase();
    const value = token
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key === 'example' && value !== '') preference.example = value;
    if (key === 'code' && /^\d{3}$/.test(value)) preference.code = Number(value);
  }
  return preference;
}
