/**
 * Everything core needs to know about one vendor. scripts/generate writes one per spec (in the vendor's generated
 * client) from its security scheme, servers and `x-textgen-*` extensions; core itself never names a vendor.
 */
export interface VendorDescriptor {
  /** Short id used in error messages and logs: the spec's `x-textgen-vendor`. */
  vendor: string;
  /** Prefix of the environment variables: `ACME` reads `ACME_API_KEY` and `ACME_BASE_URL`. */
  environmentPrefix: string;
  /**
   * Used when neither the `baseURL` option nor `<PREFIX>_BASE_URL` is set. Left out for a vendor whose host is not
   * published: a client then fails at creation instead of sending the key to a guessed host.
   */
  defaultBaseURL?: string | undefined;
  /** The auth header: `<prefix> <key>`, or the bare key without a prefix. */
  authorization: { header: string; prefix?: string | undefined };
  /** Where the vendor reports a request id: a response header (default `x-request-id`) and/or a JSON body field. */
  requestId?: { header?: string | undefined; bodyField?: string | undefined } | undefined;
  /** Turns the vendor's error envelope into readable text; core falls back to a generic reading. */
  errorMessageFromBody?(body: unknown): string | undefined;
}
