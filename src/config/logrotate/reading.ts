/**
 * The state of one load: what has been read so far, the problems found, and the options.
 * Shared by the file parser and the include reader; created once per `parseLogrotate`.
 */
import { ConfigError } from "../errors.js";
import type { ConfigModel, LogSettings, Location } from "../model.js";
import type { Accounts, ConfigReader } from "../reader.js";
import type { Effect, Problem } from "./arguments.js";

export interface ParseOptions {
  reader: ConfigReader;
  /** rotor's own commands: every warning is an error too. Default false (logrotate's leniency). */
  strict?: boolean;
  /** Checks user and group names; absent: names are kept unchecked. */
  accounts?: Accounts;
  /** Expands `~/` in include paths; absent: such paths are read as written. */
  homedir?: string;
  /** Resolves relative include paths (logrotate: its working directory). Default "/". */
  cwd?: string;
  /**
   * Apply the checks logrotate makes when run by root: a config file writable by group or
   * others, or owned by another user, is ignored. Default true.
   */
  asRoot?: boolean;
  /** st_dev of a path (following symlinks), for logrotate's olddir device check; absent: not checked. */
  deviceOf?: (path: string) => number;
}

/** Where global directives go: the globals, or a block when `include` appears inside one. */
export interface Target {
  settings: LogSettings;
}

/** logrotate's default taboo list (3.21 man page): `tabooext` items are stored as `*ext`. */
export const DEFAULT_TABOO = [",v", ".cfsaved", ".disabled", ".dpkg-bak", ".dpkg-del", ".dpkg-dist", ".dpkg-new", ".dpkg-old", ".rhn-cfg-tmp-*", ".rpmnew", ".rpmorig", ".rpmsave", ".swp", ".ucf-dist", ".ucf-new", ".ucf-old", "~"].map((ext) => `*${ext}`);

/** logrotate's MAX_NESTING: deeper includes are refused. */
export const MAX_INCLUDE_DEPTH = 16;

export interface Reading {
  options: Required<Pick<ParseOptions, "reader" | "strict" | "cwd" | "asRoot">> & Pick<ParseOptions, "accounts" | "homedir" | "deviceOf">;
  model: ConfigModel;
  warnings: ConfigError[];
  errors: ConfigError[];
  /** Both of the above, in the order they were found: logrotate prints them so. */
  problems: ConfigError[];
  /** Files that logrotate names otherwise than by their absolute path (see ParseResult). */
  shownNames: Map<string, string>;
  /** Files being read, outermost first: an include of one of them is a cycle. */
  stack: string[];
  /** Literal log paths already taken by a block, for `duplicate log entry`. */
  seen: Map<string, Location>;
  /** Reads an included file or directory into `target`; reports its own problems. */
  include(path: string, at: Location, target: Target): void;
}

/**
 * Records a problem: a warning (an error in strict mode), or an error. Returns it.
 *
 * @example
 * report(reading, at, problem, "warning");
 */
export function report(reading: Reading, at: Location, problem: Problem, effect: Effect): ConfigError {
  const error = new ConfigError(at, problem);
  if (effect === "warning" && !reading.options.strict) reading.warnings.push(error);
  else reading.errors.push(error);
  reading.problems.push(error);
  return error;
}
