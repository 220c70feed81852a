/**
 * loadConfigFile: one entry point for both formats, so that `rotor run/once/check` accept
 * either: rotor's YAML for `.yaml`, `.yml` and `.json` files (JSON is YAML 1.2), logrotate's
 * syntax otherwise.
 */
import { parseLogrotate, type ParseOptions, type ParseResult } from "./logrotate/index.js";
import { isRotorConfigPath } from "./config-path.js";
import { readRotorConfig } from "./yaml/load.js";


/**
 * Loads a config in the format its name says. YAML loading is always strict: its problems
 * are all `errors`, and `warnings` is empty.
 *
 * @example
 * const { model, errors } = loadConfigFile("/etc/rotor.yaml", { reader: createNodeReader(), strict: true });
 */
export function loadConfigFile(path: string, options: ParseOptions): ParseResult {
  if (!isRotorConfigPath(path)) return parseLogrotate([path], options);
  const absolute = path.startsWith("/") ? path : `${(options.cwd ?? "/").replace(/\/$/, "")}/${path}`;
  const { model, errors } = readRotorConfig(absolute, options.reader);
  return { model, warnings: [], errors, problems: errors };
}
