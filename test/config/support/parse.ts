/**
 * Parsing helpers for the config tests: configs live in an in-memory reader, and the main
 * file is always /etc/lr.conf so that messages can be compared whole.
 */
import { expect } from "vitest";
import { createMemoryAccounts, createMemoryReader, parseLogrotate, type LogSettings, type MemoryEntry, type ParseOptions, type ParseResult } from "../../../src/config/index.js";

export const MAIN = "/etc/lr.conf";

export const accounts = createMemoryAccounts({ users: ["root:0", "www-data:33", "nobody:65534"], groups: ["root:0", "adm:4", "nogroup:65534"] });

export function parse(text: string, files: Record<string, MemoryEntry> = {}, options: Partial<ParseOptions> = {}): ParseResult {
  return parseLogrotate([MAIN], { reader: createMemoryReader({ [MAIN]: text, ...files }), accounts, ...options });
}

/** The messages of errors or warnings, for whole-list comparison. */
export function messages(list: readonly Error[]): string[] {
  return list.map((error) => error.message);
}

/** The settings of the one log of `/var/log/a.log { BODY }`, asserting no problems. */
export function settingsOf(body: string, globals = ""): LogSettings {
  // The log's directory and the olddirs of the directive tables exist: logrotate checks them
  // when the block closes (olddir.ts); `"/tmp"` is relative, as logrotate keeps the quotes.
  const dirs = { "/var/log/a.log": "", "/var/log/old/.keep": "", '/var/log/"/tmp"/.keep': "" };
  const result = parse(`${globals}/var/log/a.log {\n${body}\n}\n`, dirs);
  expect(messages(result.errors)).toEqual([]);
  expect(messages(result.warnings)).toEqual([]);
  expect(result.model.logs).toHaveLength(1);
  return result.model.logs[0]!.settings;
}

/** The paths of each log block, in order: a compact picture of what survived parsing. */
export function blocks(result: ParseResult): string[][] {
  return result.model.logs.map((log) => log.patterns.map((pattern) => pattern.path));
}
