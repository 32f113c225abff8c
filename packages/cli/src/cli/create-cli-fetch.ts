import type { ProgressNotice } from './progress-notice';

/**
 * fetch refused the request before opening any connection: the same request fails the same way every time, so the
 * CLI stops the call instead of letting it be retried, and says what to change.
 */
export class RefusedBeforeConnectingError extends Error {
  override readonly name = 'RefusedBeforeConnectingError';
}

/**
 * undici reports a port on the Fetch standard's blocked list (9, 25, 6000, ...) as TypeError('fetch failed', {cause:
 * 'bad port'}).
 */
function isBadPort(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { message?: unknown } | undefined) : undefined;
  return cause?.message === 'bad port';
}

function describeFailedStatus(response: Response): string {
  return `got ${response.status}`;
}

/**
 * The fetch the CLI gives its client: it tells the progress notice when each attempt starts and how it ended, and
 * stops the whole call (through `stopCall`, the call's abort) when fetch refuses the URL outright.
 */
export function createCliFetch(options: {
  notice: ProgressNotice;
  stopCall: (reason: RefusedBeforeConnectingError) => void;
  describeBaseUrlSources: string;
}): (url: string, init: RequestInit) => Promise<Response> {
  const { notice, stopCall } = options;
  // Called as fetch(url, init), as the clients call it; init.signal is the attempt's own.
  return async (url, init) => {
    notice.attemptStarted();
    try {
      const response = await globalThis.fetch(url, init);
      if (response.ok) notice.stop();
      else notice.attemptFailed(describeFailedStatus(response));
      return response;
    } catch (error) {
      if (isBadPort(error)) {
        const target = new URL(url);
        stopCall(
          new RefusedBeforeConnectingError(
            `fetch refuses to connect to port ${target.port} (${target.origin}): it is on the Fetch standard's list of blocked ` +
              `"bad ports". Serve the API on another port and pass its URL with ${options.describeBaseUrlSources}.`,
          ),
        );
      } else {
        // The request's signal fires for core's per-attempt timeout (the caller's own abort ends the call instead).
        notice.attemptFailed(init.signal?.aborted ? 'timed out' : 'could not connect');
      }
      throw error;
    }
  };
}
