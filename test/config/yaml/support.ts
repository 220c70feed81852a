/**
 * Helpers of the YAML loader's tests: parse a config text as if it were
 * /etc/rotor/rotor.yaml, and read its problems or its one job.
 */
import { expect } from "vitest";
import { ConfigError, type LogEntry } from "../../../src/config/index.js";
import { parseRotorConfig, type RotorParseResult } from "../../../src/config/yaml/index.js";

export const FILE = "/etc/rotor/rotor.yaml";

export function parse(text: string): RotorParseResult {
  return parseRotorConfig(text, FILE);
}

/** The problems' messages without the file name: `line:column: text`. */
export function messages(text: string): string[] {
  const { errors } = parse(text);
  for (const error of errors) expect(error).toBeInstanceOf(ConfigError);
  return errors.map((error) => error.message.slice(FILE.length + 1));
}

/** The only job of a config without problems. */
export function onlyJob(text: string): LogEntry {
  const { model, errors } = parse(text);
  expect(errors.map((e) => e.message)).toEqual([]);
  expect(model.logs).toHaveLength(1);
  return model.logs[0]!;
}
