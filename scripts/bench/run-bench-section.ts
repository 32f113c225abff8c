/**
 * One section of `pnpm bench` in a process of its own, forked by run-benchmarks.ts: it gets the section and the
 * settings over IPC and sends the result back. A fresh heap per section means memory one section leaves behind (a
 * client that keeps something per call until its timeout fires) cannot slow the GC of the next.
 */
import { runSection, type BenchSettings, type SectionName } from './bench-sections';

process.once('message', (message: { section: SectionName; settings: BenchSettings }) => {
  runSection(message.section, message.settings).then(
    // Exit explicitly: a client's pending timers (a 10-minute default timeout) would keep the process alive.
    (result) => process.send?.({ type: 'result', result }, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
});
