/**
 * The logrotate front end of the config layer: `parseLogrotate(paths, options)` reads
 * logrotate 3.21 config files (and what they include) into the config model.
 */
import type { ConfigError } from "../errors.js";
import type { ConfigModel } from "../model.js";
import { defaultSettings } from "../settings.js";
import { readConfigPath } from "./includes.js";
import { DEFAULT_TABOO, type ParseOptions, type Reading, type Target } from "./reading.js";

export interface ParseResult {
  model: ConfigModel;
  /** Problems logrotate tolerates (exit code 0); empty in strict mode. */
  warnings: ConfigError[];
  /** Problems that make logrotate exit with 1; the model holds what logrotate would still rotate. */
  errors: ConfigError[];
  /** The warnings and the errors in the order they were found, as logrotate prints them. */
  problems: ConfigError[];
  /**
   * The name logrotate prints for a config file, where it is not the absolute path: as
   * given on the command line (`conf`), or a directory entry's own name (`apt`).
   */
  shownNames?: ReadonlyMap<string, string>;
}

/**
 * Reads config files as logrotate 3.21 does, in order, globals carrying over from one file
 * to the next. Never throws for a problem in the files: it returns the problems and the
 * logs that logrotate would still rotate despite them (drop-in leniency). Rotor's own
 * commands pass `strict: true` and refuse to run when `errors` is not empty.
 *
 * @example
 * const { model, errors } = parseLogrotate(["/etc/logrotate.conf"], { reader: createNodeReader(), accounts: createNodeAccounts() });
 * if (errors.length > 0) console.error(errors.map((e) => e.message).join("\n"));
 * for (const log of model.logs) console.log(log.patterns.map((p) => p.path), log.settings.keep);
 */
export function parseLogrotate(paths: readonly string[], options: ParseOptions): ParseResult {
  const target: Target = { settings: defaultSettings() };
  const reading: Reading = {
    options: {
      reader: options.reader,
      strict: options.strict ?? false,
      cwd: options.cwd ?? "/",
      asRoot: options.asRoot ?? true,
      accounts: options.accounts,
      homedir: options.homedir,
      deviceOf: options.deviceOf,
    },
    model: { files: [], logs: [], taboo: [...DEFAULT_TABOO] },
    warnings: [],
    errors: [],
    problems: [],
    shownNames: new Map(),
    stack: [],
    seen: new Map(),
    include: (path, at, into) => readConfigPath(reading, path, into, at),
  };
  for (const path of paths) readConfigPath(reading, path, target, null);
  return { model: reading.model, warnings: reading.warnings, errors: reading.errors, problems: reading.problems, shownNames: reading.shownNames };
}

export { DIRECTIVES, lookupDirective, type Directive } from "./directives.js";
export { directiveHelp } from "./help.js";
export type { ParseOptions } from "./reading.js";
