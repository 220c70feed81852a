/**
 * runPassFromConfigs: read logrotate configs, lock and open the state file, run one pass,
 * and return the exit code — shared by `rotor-logrotate` (lenient, logrotate's words) and
 * `rotor once` (strict: a config problem stops the run before anything is rotated).
 */
import { existsSync, statSync } from "node:fs";
import { createNodeAccounts, createNodeReader, isRotorConfigPath, parseLogrotate, type ConfigError } from "../../config/index.js";
import { logrotatePass, type PassMessage } from "../../daemon/pass/index.js";
import { nodeStateFs, StateLockError, StateStore, writeState, type StateLockMode } from "../../daemon/state/index.js";
import { call, run } from "../../scheduler/index.js";

export interface RunPassOptions {
  configs: string[];
  state: string;
  force: boolean;
  debug: boolean;
  lock: StateLockMode;
  /** `-m`: the mail command (default /usr/bin/mail). */
  mail?: string | null;
  /** rotor's own commands: every config problem is an error, and nothing runs. */
  strict: boolean;
  /** Someone reads the debug lines (-v, -d, -l): say each step (default true). */
  verbose?: boolean;
  say: (message: PassMessage) => void;
}

/** Problems about a whole file, which logrotate reports without a line number. */
const WHOLE_FILE = new Set(["ERR_CONFIG_READ", "ERR_CONFIG_INCLUDE_MISSING", "ERR_CONFIG_INSECURE_FILE", "ERR_CONFIG_FILE_OWNER", "ERR_CONFIG_FILE_SKIPPED"]);

/** logrotate's `FILE:LINE message` (e.g. `conf:2 unknown option 'bogus' -- ignoring line`). */
function inLogrotateWords(error: ConfigError, name: (file: string) => string): string {
  if (WHOLE_FILE.has(error.code)) return error.logrotate;
  // logrotate prints this one as `FILE:message`, with no line number.
  if (error.code === "ERR_CONFIG_UNTERMINATED_SCRIPT") return `${name(error.file)}:${error.logrotate}`;
  return `${name(error.file)}:${error.line} ${error.logrotate}`;
}

/**
 * Runs one pass over `configs`; 0, 1 (any error) or 3 (the state file's lock).
 *
 * @example
 * const code = await runPassFromConfigs({ configs: ["/etc/logrotate.conf"], state, force: false, debug: false, lock: "lock", strict: false, say });
 */
export async function runPassFromConfigs(o: RunPassOptions): Promise<number> {
  const options = { reader: createNodeReader(), accounts: createNodeAccounts(), cwd: process.cwd(), asRoot: process.getuid?.() === 0, strict: o.strict, deviceOf: (path: string) => statSync(path).dev };
  // `rotor once` takes rotor's YAML too; several files are logrotate's (it reads them in turn).
  // The YAML loader is imported only for a YAML config: rotor-logrotate, run from cron on
  // logrotate configs, does not pay for loading it (see src/config/yaml/index.ts).
  const parsed =
    o.configs.length === 1 && isRotorConfigPath(o.configs[0]!)
      ? (await import("../../config/yaml/index.js")).loadConfigFile(o.configs[0]!, options)
      : parseLogrotate(o.configs, options);
  const name = (file: string): string => parsed.shownNames?.get(file) ?? file;
  for (const file of parsed.model.files) o.say({ level: "debug", text: `reading config file ${name(file)}` });
  // Lenient: logrotate prints both kinds as "error: ...", in the order it meets them; only
  // errors change the exit code.
  const errors = new Set(parsed.errors);
  for (const problem of parsed.problems) {
    if (errors.has(problem)) {
      o.say({ level: "error", text: o.strict ? problem.message : inLogrotateWords(problem, name) });
      if (!o.strict && problem.skippedBlock !== undefined) o.say({ level: "error", text: `found error in ${problem.skippedBlock}, skipping` });
    } else if (problem.code === "ERR_CONFIG_DEPRECATED") {
      // logrotate words a deprecated directive as a warning of its own: `warning: conf: 3: ...`.
      o.say({ level: "notice", text: `${name(problem.file)}: ${problem.line}: ${problem.logrotate}` });
    } else o.say({ level: "warning", text: inLogrotateWords(problem, name) });
  }
  if (o.strict && parsed.errors.length > 0) return 1;
  try {
    const report = await run(function* () {
      // -d changes nothing, so it neither takes the lock nor writes the state.
      const store = yield* StateStore.open(o.state, { lock: o.debug ? "skip" : o.lock, onWait: () => o.say({ level: "debug", text: `waiting for lock on state file ${o.state}` }) });
      try {
        for (const problem of store.problems) o.say({ level: "error", text: problem.message });
        const report = yield* logrotatePass(parsed.model, { force: o.force, debug: o.debug, store, mailCommand: o.mail ?? undefined, verbose: o.verbose ?? true, onMessage: o.say });
        // logrotate writes its state file even when no log is left (a header alone, docs 16d);
        // the store writes changes only, and with no log there is none.
        if (!o.debug && store.entries.size === 0 && !existsSync(o.state)) yield* call(writeState(o.state, new Map(), { fs: nodeStateFs }));
        return report;
      } finally {
        yield* store.close();
      }
    });
    return report.errorCount > 0 || parsed.errors.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof StateLockError) {
      o.say({ level: "error", text: error.message });
      return error.exitCode;
    }
    o.say({ level: "error", text: error instanceof Error ? error.message : String(error) });
    return 1;
  }
}
