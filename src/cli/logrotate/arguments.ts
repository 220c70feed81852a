/**
 * logrotate 3.21's command line, parsed as popt parses it: short flags may be bundled
 * (`-fv`), a value may follow in the same word or the next (`-sFILE`, `-s FILE`,
 * `--state=FILE`, `--state FILE`), and anything else not starting with `-` is a config file.
 * A hand-written parser rather than commander, because `-?`, `--usage` and popt's own
 * messages ("bad argument --x: unknown error", exit code 2) are part of being a drop-in.
 */
import { CliError } from "../errors.js";

export interface LogrotateArgs {
  force: boolean;
  debug: boolean;
  verbose: boolean;
  state: string;
  mail: string | null;
  log: string | null;
  lock: "lock" | "skip" | "wait";
  action: "run" | "help" | "usage" | "version";
  configs: string[];
}

/** logrotate's compiled-in default (`logrotate --version` prints it). */
export const DEFAULT_STATE = "/var/lib/logrotate/status";

const SHORT: Record<string, keyof LogrotateArgs> = { d: "debug", f: "force", v: "verbose", s: "state", m: "mail", l: "log" };
const LONG: Record<string, keyof LogrotateArgs> = { debug: "debug", force: "force", verbose: "verbose", state: "state", mail: "mail", log: "log" };
const TAKES_VALUE = new Set<keyof LogrotateArgs>(["state", "mail", "log"]);

function bad(word: string, why = "unknown error"): CliError {
  return new CliError(`bad argument ${word}: ${why}`, { exitCode: 2 });
}

/**
 * Parses `argv` (without node and the script). Throws CliError (exit code 2) for an
 * unknown option or a missing value, as popt does.
 *
 * @example
 * parseLogrotateArgs(["-f", "-s", "/tmp/status", "/etc/logrotate.conf"]).force; // true
 */
export function parseLogrotateArgs(argv: readonly string[]): LogrotateArgs {
  const args: LogrotateArgs = { force: false, debug: false, verbose: false, state: DEFAULT_STATE, mail: null, log: null, lock: "lock", action: "run", configs: [] };
  const set = (key: keyof LogrotateArgs, value: string | true): void => {
    if (key === "state") args.state = value as string;
    else if (key === "mail") args.mail = value as string;
    else if (key === "log") args.log = value as string;
    else if (key === "debug" || key === "force" || key === "verbose") args[key] = true;
  };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === "--") {
      args.configs.push(...argv.slice(i + 1));
      break;
    }
    if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      if (name === "help") args.action = "help";
      else if (name === "usage") args.action = "usage";
      else if (name === "version") args.action = "version";
      else if (name === "skip-state-lock") args.lock = "skip";
      else if (name === "wait-for-state-lock") args.lock = "wait";
      else {
        const key = LONG[name];
        if (key === undefined) throw bad(word);
        if (!TAKES_VALUE.has(key)) set(key, true);
        else if (eq >= 0) set(key, word.slice(eq + 1));
        else if (i + 1 < argv.length) set(key, argv[++i]!);
        else throw bad(word, "missing argument");
      }
      continue;
    }
    if (word.startsWith("-") && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        const flag = word[j]!;
        if (flag === "?") {
          args.action = "help";
          continue;
        }
        const key = SHORT[flag];
        if (key === undefined) throw bad(`-${flag}`);
        if (!TAKES_VALUE.has(key)) {
          set(key, true);
          continue;
        }
        if (j + 1 < word.length) set(key, word.slice(j + 1));
        else if (i + 1 < argv.length) set(key, argv[++i]!);
        else throw bad(`-${flag}`, "missing argument");
        break;
      }
      continue;
    }
    args.configs.push(word);
  }
  // logrotate: -d implies -v ("Don't do anything, just test and print debug messages").
  if (args.debug) args.verbose = true;
  return args;
}
