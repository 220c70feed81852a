/**
 * `rotor-logrotate`: logrotate 3.21's command line over rotor's engine. Parses the
 * arguments and the configs, locks and opens the state file, runs one pass, and turns what
 * happened into logrotate's exit codes: 0, 1 (any error), 2 (a bad argument, as popt),
 * 3 (the state file is locked or cannot be locked).
 *
 * Lenient as logrotate is (issue 4): a problem logrotate tolerates in a config (an unknown
 * directive) is printed in logrotate's words and the run goes on with exit code 0.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import type { PassMessage } from "../../daemon/pass/index.js";
import { CliError } from "../errors.js";
import type { CliIO } from "../io.js";
import { version } from "../version.js";
import { parseLogrotateArgs, type LogrotateArgs } from "./arguments.js";
import { HELP, USAGE, versionText } from "./help.js";
import { runPassFromConfigs } from "./run-pass.js";
import { createSyslogSink, type LineSink } from "./syslog.js";

/**
 * Runs rotor-logrotate on `argv` and returns the exit code; never calls process.exit, so
 * tests run it in-process.
 *
 * @example
 * const code = await logrotateMain(["-f", "-s", "/tmp/status", "/etc/logrotate.conf"], { out: console.log, err: console.error });
 */
export async function logrotateMain(argv: readonly string[], io: CliIO): Promise<number> {
  let args: LogrotateArgs;
  try {
    args = parseLogrotateArgs(argv);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`rotor-logrotate: ${error.message}`);
    return error.exitCode;
  }
  if (args.action === "help") return (io.out(HELP), 0);
  if (args.action === "usage") return (io.out(USAGE), 0);
  if (args.action === "version") return (io.out(versionText(version())), 0);
  if (args.configs.length === 0) {
    io.err(`rotor-logrotate ${version()} (logrotate 3.21.0 compatible)\n\n${USAGE}`);
    return 1;
  }
  if (args.debug) {
    io.err("warning: logrotate in debug mode does nothing except printing debug messages!  Consider using verbose mode (-v) instead if this is not what you want.\n");
  }
  let log: LineSink | null = null;
  try {
    log = logFor(args.log);
  } catch (error) {
    // logrotate says so and runs without its log; this alone leaves the exit code 0.
    const code = (error as { code?: string }).code;
    io.err(`error: error opening log file ${args.log}: ${code === "ENOENT" ? "No such file or directory" : code === "EACCES" ? "Permission denied" : String(error)}`);
  }
  try {
    // Without -v, -d or -l nobody reads the step lines: the pass may then rotate at once.
    const verbose = args.verbose || args.debug || args.log !== null;
    return await runPassFromConfigs({ ...args, strict: false, verbose, say: sinkFor(args, io, log) });
  } finally {
    await log?.close();
  }
}

/**
 * The `-l` target: a file, truncated at the start (logrotate opens it with "w"), or syslog.
 * Either gets every message, the debug ones too, whether or not -v is given (as logrotate).
 */
function logFor(target: string | null): LineSink | null {
  if (target === null) return null;
  if (target === "syslog") return createSyslogSink();
  writeFileSync(target, "");
  return {
    write: (level, line) => appendFileSync(target, `${level === "error" ? "error: " : ""}${line}\n`),
    close: async () => {},
  };
}

/** Where messages go: stderr as logrotate (debug lines with -v/-d only), and the -l target. */
function sinkFor(args: LogrotateArgs, io: CliIO, log: LineSink | null): (message: PassMessage) => void {
  return (message) => {
    const level = message.level === "debug" ? "debug" : "error";
    const text = message.level === "notice" ? `warning: ${message.text}` : message.text;
    log?.write(message.level === "notice" ? "debug" : level, text);
    if (level === "debug" && !args.verbose) return;
    io.err(level === "error" && message.level !== "notice" ? `error: ${text}` : text);
  };
}
