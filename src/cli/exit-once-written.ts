/**
 * exitOnceWritten: ends a one-shot command's process with `code` as soon as what it wrote to
 * stdout and stderr is out, instead of letting node wind down on its own.
 *
 * WHY: rotor-logrotate is started by cron for every pass, and once a pass is done, node's own
 * wind-down (joining the helper thread, tearing down a heap of tens of MB page by page) took
 * 110–156 ms of a 1,000-log compressed pass here (two straces, from the lock's removal to
 * exit_group; strace slows it), against ~700 ms for the whole pass untraced. process.exit
 * skips that, but may drop output still queued for an asynchronous pipe (macOS), so the exit
 * waits for an empty write behind everything already written to each stream. Everything the
 * pass started (the lock's holder, scripts, mail, the helper thread's jobs) is awaited by
 * logrotateMain before it returns.
 */
import type { Writable } from "node:stream";

/** Resolves once everything written to `stream` before the call is out (or the stream failed). */
function flushed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write("", () => resolve());
  });
}

/**
 * Exits with `code` once stdout and stderr are flushed.
 *
 * @example
 * void logrotateMain(process.argv.slice(2), io).then(exitOnceWritten);
 */
export function exitOnceWritten(code: number): void {
  process.exitCode = code;
  void Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() => process.exit(code));
}
