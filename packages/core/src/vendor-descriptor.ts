/**
 * Everything core needs to know about one vendor. Vendor packages pass one of these to `createTransport`;
 * core itself never names a vendor.
 */
export interface VendorDescriptor {
  /** Short id used in error messages and logs, e.g. `worqhat`. */
  vendor: string;
  /** Prefix of the environment variables: `WORQHAT` reads `WORQHAT_API_KEY` and `WORQHAT_BASE_URL`. */
  environmentPrefix: string;
  /**
   * Used when neither the `baseURL` option nor `<PREFIX>_BASE_URL` is set. Leave it out for a vendor whose host is not
   * published (AITRE): a client then fails at creation instead of sending the key to a guessed host.
   */
  defaultBaseURL?: string;
  /** The auth header in the vendor's format, e.g. `Token <key>` or `Bearer <key>`. */
  authorizationHeader(apiKey: string): { name: string; value: string };
  /** Turns the vendor's error envelope into readable text; core falls back to a generic reading. */
  errorMessageFromBody?(body: unknown): string | undefined;
  /** Request id carried in the body (e.g. WorqHat `processingId`), used when there is no `x-request-id` header. */
  requestIdFromBody?(body: unknown): string | undefined;
}
