/** Reads an environment variable where there is a `process` (Node, Bun, Deno); undefined in browsers or when empty. */
export function readEnvironment(name: string): string | undefined {
  const value = typeof process === 'undefined' ? undefined : process.env?.[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
