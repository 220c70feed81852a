/**
 * loadRotorConfig: a rotor YAML config file from disk (or any ConfigReader) into the
 * model. The file's mode is checked first, through the reader: a config whose scripts run
 * as the daemon's user must not be writable by anyone else.
 */
import { posix } from "node:path";
import { ConfigError, ConfigLoadError } from "../errors.js";
import type { ConfigModel } from "../model.js";
import { createNodeReader } from "../node-reader.js";
import type { ConfigReader } from "../reader.js";
import { parseRotorConfig, type RotorParseResult } from "./document.js";

function readError(file: string, error: unknown): ConfigError {
  const code = (error as { code?: string })?.code;
  const why = code === "ENOENT" ? "it does not exist" : code === "EACCES" ? "permission denied" : error instanceof Error ? error.message : String(error);
  const problem = `Cannot read \`${file}\`: ${why}`;
  return new ConfigError({ file, line: 1, column: 1 }, { code: "ERR_CONFIG_READ", problem, action: "check the path of the config file", logrotate: problem });
}

/**
 * Reads and parses one YAML config; never throws for a problem in the file, returns them all.
 *
 * @example
 * const { model, errors } = readRotorConfig("/etc/rotor/rotor.yaml", createNodeReader());
 */
export function readRotorConfig(path: string, reader: ConfigReader): RotorParseResult {
  const file = posix.resolve(path);
  const empty = { model: { files: [file], logs: [], taboo: [] }, errors: [] as ConfigError[] };
  let text: string;
  try {
    const info = reader.stat(file);
    if (info.mode & 0o022) {
      const mode = `0${info.mode.toString(8)}`;
      const problem = `\`${file}\` is writable by group or others (mode ${mode}), so it was not read`;
      const action = `run \`chmod go-w ${file}\`: anyone who can write it could run commands through its scripts`;
      empty.errors.push(new ConfigError({ file, line: 1, column: 1 }, { code: "ERR_CONFIG_INSECURE_FILE", problem, action, logrotate: problem }));
      return empty;
    }
    text = reader.readFile(file);
  } catch (error) {
    empty.errors.push(readError(file, error));
    return empty;
  }
  return parseRotorConfig(text, file);
}

/**
 * Loads a rotor YAML config, or throws a ConfigLoadError listing every problem in it.
 *
 * @example
 * const model = loadRotorConfig("/etc/rotor/rotor.yaml");
 * for (const log of model.logs) console.log(log.name, log.settings.schedule);
 */
export function loadRotorConfig(path: string, reader: ConfigReader = createNodeReader()): ConfigModel {
  const { model, errors } = readRotorConfig(path, reader);
  if (errors.length > 0) throw new ConfigLoadError(errors);
  return model;
}
