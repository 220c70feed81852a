/**
 * Reading a config for rotor's own commands (`run`, `check`, `simulate`, `status`, `once`):
 * strict — every problem is an error with file:line:column, and nothing runs if there is
 * one. rotor's YAML (.yaml, .yml) and logrotate's syntax (anything else) load into the one
 * config model.
 */
import { createNodeAccounts, createNodeReader, type ConfigError, type ConfigModel } from "../config/index.js";
import { loadConfigFile } from "../config/yaml/index.js";
import { CliError } from "./errors.js";

/** Thrown when a config has problems: each one on its own line. */
export class ConfigProblemsError extends CliError {
  readonly problems: readonly ConfigError[];
  constructor(problems: readonly ConfigError[]) {
    super(problems.map((problem) => problem.message).join("\n"), { exitCode: 1 });
    this.problems = problems;
  }
}

/**
 * Loads `path` strictly; throws ConfigProblemsError listing every problem.
 *
 * @example
 * const model = loadConfig("/etc/rotor.yaml");
 */
export function loadConfig(path: string): ConfigModel {
  const parsed = loadConfigFile(path, { reader: createNodeReader(), accounts: createNodeAccounts(), cwd: process.cwd(), asRoot: process.getuid?.() === 0, strict: true });
  const problems = [...parsed.errors, ...parsed.warnings];
  if (problems.length > 0) throw new ConfigProblemsError(problems);
  return parsed.model;
}
