/** The slice of Deno's permissions API used here (Deno is not in this package's types). */
interface DenoPermissions {
  permissions?: { querySync?: (descriptor: { name: 'env'; variable: string }) => { state: string } };
}

/**
 * Whether reading `name` is allowed without side effects. Deno without `--allow-env` throws `NotCapable` on a read
 * (and, on a terminal, first stops to ask), so a client created with every option given would fail just for looking up
 * `TEXTGEN_LOG`; there, an unread variable counts as unset.
 */
function mayRead(name: string): boolean {
  const querySync = (globalThis as { Deno?: DenoPermissions }).Deno?.permissions?.querySync;
  return querySync === undefined || querySync({ name: 'env', variable: name }).state === 'granted';
}

/**
 * Reads an environment variable where there is a `process` (Node, Bun, Deno with env access); undefined in browsers and
 * Workers, when Deno may not read it, or when empty.
 */
export function readEnvironment(name: string): string | undefined {
  if (typeof process === 'undefined' || !mayRead(name)) return undefined;
  const value = process.env?.[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
