/** What a logrotate pass tells its caller: messages in logrotate's words, and the errors. */

/**
 * One line for the user. `error` lines make the exit code 1; `warning` lines are printed as
 * errors but leave it (logrotate's tolerated problems); `notice` lines are logrotate's own
 * `warning:` lines; `debug` lines show with -v/-d.
 */
export interface PassMessage {
  level: "error" | "warning" | "notice" | "debug";
  text: string;
}

export interface PassReport {
  /** Logs whose live file became a version in this pass, in order. */
  rotated: string[];
  /** Every message, in order. */
  messages: PassMessage[];
  /** How many errors (logrotate's exit code is 1 when this is not 0). */
  errorCount: number;
}

/**
 * A report being filled in, with a sink that sees each message as it happens (so that a
 * long pass prints as it goes, as logrotate does).
 *
 * @example
 * const out = createReporter((m) => console.error(m.text));
 * out.error("stat of /x failed: No such file or directory");
 */
export function createReporter(sink: (message: PassMessage) => void = () => {}, options: { debug?: boolean } = {}) {
  // Without a reader for them (no -v, -d or -l), debug lines are not kept: a pass over
  // 10,000 logs would otherwise make and keep 20,000 of them for nothing.
  const saysDebug = options.debug !== false;
  const report: PassReport = { rotated: [], messages: [], errorCount: 0 };
  const add = (level: PassMessage["level"], text: string): void => {
    const message = { level, text };
    report.messages.push(message);
    if (level === "error") report.errorCount++;
    sink(message);
  };
  return {
    report,
    error: (text: string) => add("error", text),
    warning: (text: string) => add("warning", text),
    notice: (text: string) => add("notice", text),
    debug: saysDebug ? (text: string) => add("debug", text) : () => {},
    /** Whether debug lines are kept: callers skip building costly ones when not. */
    saysDebug,
  };
}

export type Reporter = ReturnType<typeof createReporter>;
