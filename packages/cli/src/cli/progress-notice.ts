/** The stderr the notice draws on; `isTTY` and `columns` are set by Node on a terminal only. */
export interface NoticeStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** A one-line "still waiting" status on stderr, for calls that take long or are being retried. */
export interface ProgressNotice {
  /** An attempt (a fetch) begins; attempts are counted from 1. */
  attemptStarted(): void;
  /** The attempt ended without an answer; `reason` reads after "attempt 1", e.g. "timed out" or "got 503". */
  attemptFailed(reason: string): void;
  /** Removes the line and stops redrawing it; call it before printing the answer or an error line. */
  stop(): void;
}

// A call that answers within this time shows no notice at all: most calls never draw one.
const graceMs = 1_000;
const redrawMs = 1_000;
const clearLine = '\r\u001b[2K';

const silentNotice: ProgressNotice = {
  attemptStarted: () => undefined,
  attemptFailed: () => undefined,
  stop: () => undefined,
};

function formatSeconds(milliseconds: number): string {
  return `${Math.round(milliseconds / 1_000)} s`;
}

/**
 * Draws `textgen: waiting for <vendor>… 62 s (attempt 2 of 3; attempt 1 timed out)` and redraws it each second.
 * Only on a terminal: piped or redirected stderr gets nothing, so scripts and logs see only the real error line.
 */
export function createProgressNotice(options: {
  stderr: NoticeStream;
  vendor: string;
  maxRetries: number;
}): ProgressNotice {
  const { stderr, vendor, maxRetries } = options;
  if (stderr.isTTY !== true) return silentNotice;
  const callStartedAt = Date.now();
  let attempt = 0;
  let lastFailure: { attempt: number; reason: string } | undefined;
  let drawn = false;
  let stopped = false;

  const describe = (): string => {
    const totalAttempts = maxRetries + 1;
    const failure = lastFailure === undefined ? undefined : `attempt ${lastFailure.attempt} ${lastFailure.reason}`;
    // Between attempts (core's backoff): say what went wrong, not a running clock of an attempt that is over.
    if (lastFailure !== undefined && lastFailure.attempt === attempt) {
      return `textgen: waiting for ${vendor}… (attempt ${attempt} of ${totalAttempts} ${lastFailure.reason})`;
    }
    const counter = totalAttempts > 1 ? `attempt ${attempt} of ${totalAttempts}` : undefined;
    const details = [counter, failure].filter((part) => part !== undefined).join('; ');
    // The clock counts the whole call, retries and backoff included: that is what the person is waiting through.
    return `textgen: waiting for ${vendor}… ${formatSeconds(Date.now() - callStartedAt)}${details === '' ? '' : ` (${details})`}`;
  };

  const draw = () => {
    if (stopped || Date.now() - callStartedAt < graceMs) return;
    // A line wider than the terminal wraps, and the carriage return would then clear only its last row.
    // A terminal that reports no size (0 columns, e.g. under `script`) is taken to be 80 wide.
    const columns = stderr.columns !== undefined && stderr.columns > 0 ? stderr.columns : 80;
    const width = Math.max(columns - 1, 20);
    const line = describe();
    stderr.write(`${clearLine}${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    drawn = true;
  };

  // unref: the notice alone must never keep the process alive once the call is over.
  const timer = setInterval(draw, redrawMs);
  timer.unref();

  return {
    attemptStarted() {
      attempt += 1;
      if (drawn) draw();
    },
    attemptFailed(reason) {
      lastFailure = { attempt, reason };
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (drawn) stderr.write(clearLine);
    },
  };
}
