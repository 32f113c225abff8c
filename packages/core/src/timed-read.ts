// setTimeout fires at once for a delay above 2^31-1 ms (Node warns TimeoutOverflowWarning), so clamp; Infinity is no
// timer.
const maxTimerMs = 2 ** 31 - 1;

export function startTimer(milliseconds: number, onTimeout: () => void): ReturnType<typeof setTimeout> | undefined {
  return milliseconds === Infinity ? undefined : setTimeout(onTimeout, Math.min(milliseconds, maxTimerMs));
}

/** How long one read of a body may wait for data, and the error (it also aborts the request) when it waits longer. */
export interface IdleTimeout {
  /** In ms; `Infinity` for none. */
  timeout: number;
  fail: () => Error;
}

export interface TimedRead {
  /** One read of the body; rejects with `idle.fail()` when it has waited `idle.timeout` ms. */
  read: () => Promise<ReadableStreamReadResult<Uint8Array>>;
  /** Clears the timer once the body is done with, so it cannot keep the process alive. */
  stop: () => void;
}

/**
 * Reads of a body under the idle timeout, with one timer for all of them rather than one per read (a timer per read
 * cost about a tenth of a stream's throughput). A read notes when it started; when the timer fires it fails the read in
 * flight that has waited `idle.timeout` ms, or sleeps again for what is left of it. With no read in flight (the caller
 * is busy with what it got) it lapses, so a slow consumer is never taken for a stalled server. Both readers of a body
 * use it: the stream reader, and the raw client's response body.
 */
export function createTimedRead(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idle: IdleTimeout | undefined,
): TimedRead {
  if (!idle || idle.timeout === Infinity) return { read: () => reader.read(), stop: () => undefined };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let readStartedAt = 0;
  /** Fails the read in flight; set only while one is. */
  let interruptRead: ((error: Error) => void) | undefined;
  const check = () => {
    timer = undefined;
    if (!interruptRead) return;
    const left = readStartedAt + idle.timeout - Date.now();
    if (left > 0) timer = startTimer(left, check);
    else interruptRead(idle.fail());
  };
  return {
    read: () => {
      readStartedAt = Date.now();
      timer ??= startTimer(idle.timeout, check);
      return new Promise<ReadableStreamReadResult<Uint8Array>>((resolve, reject) => {
        interruptRead = reject;
        reader.read().then(resolve, reject);
      }).finally(() => {
        interruptRead = undefined;
      });
    },
    stop: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
