/**
 * Bad configs, one row each, with the exact message and its line:column: YAML syntax,
 * unknown keys (with the nearest valid one), wrong values in the project's template,
 * schedule conflicts, `at` without a calendar unit, duplicate jobs and keys, missing keys.
 */
import { describe, expect, it } from "vitest";
import { messages, parse } from "./support.js";

type Row = [what: string, config: string, expected: string[]];

const job = (body: string) => `jobs:\n  app: { path: /var/log/app.log, ${body} }\n`;

const rows: Row[] = [
  ["a YAML syntax error", "jobs:\n  app: [\n", ["3:1: Invalid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]); fix the syntax there; indent with spaces, and quote values that contain `: ` or ` #`"]],
  ["a tab used for indentation", "jobs:\n\tapp: {}\n", ["2:1: Invalid YAML (Tabs are not allowed as indentation); fix the syntax there; indent with spaces, and quote values that contain `: ` or ` #`"]],
  ["an unquoted `: ` in a value", "jobs:\n  app:\n    path: /a.log\n    postrotate: echo a: b\n", ["4:17: Invalid YAML (Nested mappings are not allowed in compact mappings); fix the syntax there; indent with spaces, and quote values that contain `: ` or ` #`"]],
  ["an unterminated quote", "jobs:\n  a: { path: x }\n  b: 'unterminated\n", ["4:1: Invalid YAML (Missing closing 'quote); fix the syntax there; indent with spaces, and quote values that contain `: ` or ` #`"]],
  ["an empty file", "", ["1:1: The config has no `jobs`; add a `jobs:` map, such as `jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }`"]],
  ["a config that is a list", "- a\n", ["1:1: Expected the config to be a map, got `[\"a\"]` (list); write it as in `jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }`"]],
  ["a misspelt top-level key", "job:\n  app: { path: a, daily: true, keep: 1 }\n", ["1:1: Unknown key `job` at the top of the config; did you mean `jobs`?", "1:1: The config has no `jobs`; add a `jobs:` map, such as `jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }`"]],
  ["a job key at the top", "keep: 3\njobs: {}\n", ["1:1: Unknown key `keep` at the top of the config; put `keep` under `defaults:` or under a job"]],
  ["jobs as a list", "jobs:\n  - path: a\n", ["2:3: Expected `jobs` to be a map, got `[{\"path\":\"a\"}]` (list); write it as in `jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }`"]],
  ["a misspelt job key", job("daily: true, kep: 5"), ["2:3: Job `app` has no `keep`; add the number of versions to keep, such as `keep: 5`, to the job or to `defaults` (0 deletes the rotated log, -1 keeps all)", "2:47: Unknown key `kep` in job `app`; did you mean `keep`?"]],
  ["a misspelt camelCase key", job("daily: true, keep: 1, maxtotalsize: 1G"), ["2:56: Unknown key `maxtotalsize` in job `app`; did you mean `maxTotalSize`?"]],
  ["a key far from any", job("daily: true, keep: 1, colour: red"), ["2:56: Unknown key `colour` in job `app`; see docs/config-yaml.md for the keys a job takes"]],
  ["path in defaults", "defaults: { path: a }\njobs: {}\n", ["1:13: `path` cannot be in `defaults`; give each job its own `path`"]],
  ["a misspelt defaults key", "defaults: { compres: gzip }\njobs: {}\n", ["1:13: Unknown key `compres` in `defaults`; did you mean `compress`?"]],
  ["a negative keep", job("daily: true, keep: -2"), ["2:53: Expected `keep` to be an integer >= -1, got `-2` (number); write it as in `keep: 5`"]],
  ["a fractional keep", job("daily: true, keep: 1.5"), ["2:53: Expected `keep` to be an integer >= -1, got `1.5` (number); write it as in `keep: 5`"]],
  ["keep as text", job("daily: true, keep: five"), ["2:53: Expected `keep` to be an integer >= -1, got `five` (string); write it as in `keep: 5`"]],
  ["a duration without a unit", job("every: 30, keep: 1"), ["2:41: Expected `every` to be a duration such as \"30s\", \"15m\" or \"1h30m\", got `30` (number); write it as in `every: 30s`"]],
  ["a zero duration", job("every: 0s, keep: 1"), ["2:41: Expected `every` to be a duration such as \"30s\", \"15m\" or \"1h30m\", got `0s` (string); write it as in `every: 30s`"]],
  ["a bad size", job("size: 10 parsecs, keep: 1"), ["2:40: Expected `size` to be a size such as 1024, \"10k\", \"10MiB\" or \"1G\", got `10 parsecs` (string); write it as in `size: 10MiB`"]],
  ["a bad weekday", job("weekly: someday, keep: 1"), ["2:42: Expected `weekly` to be true, false, a weekday name such as `monday`, or a number 0-7, got `someday` (string); write it as in `weekly: monday`"]],
  ["a day 32", job("monthly: 32, keep: 1"), ["2:43: Expected `monthly` to be true, false or a day of the month 1-31, got `32` (number); write it as in `monthly: 15`"]],
  ["February 30", job("yearly: \"02-30\", keep: 1"), ["2:42: Expected `yearly` to be true, false or a date \"MM-DD\" such as \"07-14\", got `02-30` (string); write it as in `yearly: \"07-14\"`"]],
  ["a date format the engine cannot name versions with", job("daily: true, keep: 1, dateformat: \"-%Y%j\""), ["2:68: Expected `dateformat` to be a date format using only %Y %m %d %H %M %S %V %s (and %%), got `-%Y%j` (string); write it as in `dateformat: \"-%Y%m%d-%H%M%S\"`"]],
  ["an unknown mode", job("daily: true, keep: 1, mode: move"), ["2:62: Expected `mode` to be one of `create`, `nocreate`, `copytruncate`, `copy`, `renamecopy`, got `move` (string); write it as in `mode: copytruncate`"]],
  ["a non-octal createMode", job("daily: true, keep: 1, createMode: \"0980\""), ["2:68: Expected `createMode` to be an octal file mode such as \"0640\", got `0980` (string); write it as in `createMode: \"0640\"`"]],
  ["an unknown compressor", job("daily: true, keep: 1, compress: bzip2"), ["2:66: Expected `compress` to be `gzip`, `zstd`, true, false, or a map { command, args, ext }, got `bzip2` (string); write it as in `compress: gzip`"]],
  ["a compress command without ext", job("daily: true, keep: 1, compress: { command: xz }"), ["2:66: Expected `compress` to be `gzip`, `zstd`, true, false, or a map { command, args, ext }, got `{\"command\":\"xz\"}` (map); write it as in `compress: gzip`"]],
  ["a gzip level over 9", job("daily: true, keep: 1, compress: gzip, compressLevel: 12"), ["2:87: Expected `compressLevel` to be an integer from 0 to 9 with gzip, got `12` (number); write it as in `compressLevel: 6`, or use `compress: zstd` for levels up to 22"]],
  ["an unknown time zone", job("daily: true, keep: 1, timezone: Mars/Olympus"), ["2:66: Expected `timezone` to be an IANA time zone such as `Europe/Paris` or `UTC`, got `Mars/Olympus` (string); write it as in `timezone: Europe/Paris`"]],
  ["an su without a group", job("daily: true, keep: 1, su: www-data"), ["2:60: Expected `su` to be a user and a group, as \"user group\" or { user, group }, got `www-data` (string); write it as in `su: www-data adm`"]],
  ["an empty path list", job("daily: true, keep: 1").replace("path: /var/log/app.log", "path: []"), ["2:16: Expected `path` to be a path or a non-empty list of paths, got `[]` (list); write it as in `path: /var/log/app.log`"]],
  ["two schedules", job("every: 30s, daily: true, keep: 1"), ["2:46: Expected at most one schedule in job `app`, got `every` and `daily`; keep one of them (add `size` to rotate on size as well)"]],
  ["three schedules", job("hourly: true, daily: true, cron: \"* * * * *\", keep: 1"), ["2:48: Expected at most one schedule in job `app`, got `hourly` and `daily`; keep one of them (add `size` to rotate on size as well)", "2:61: Expected at most one schedule in job `app`, got `hourly` and `cron`; keep one of them (add `size` to rotate on size as well)"]],
  ["size and maxsize with a schedule", job("daily: true, size: 1M, maxsize: 2M, keep: 1"), ["2:47: Expected one of `size` and `maxsize` in job `app`, got both; keep one: with a schedule, `size` means `maxsize`"]],
  ["at with every", job("every: 1h, at: \"02:00\", keep: 1"), ["2:45: `at` needs a calendar schedule (`hourly`, `daily`, `weekly`, `monthly` or `yearly`), and job `app` has `every`; remove `at`, or use a calendar schedule such as `daily: true`"]],
  ["at with cron", job("cron: \"0 3 * * *\", at: \"02:00\", keep: 1"), ["2:53: `at` needs a calendar schedule (`hourly`, `daily`, `weekly`, `monthly` or `yearly`), and job `app` has `cron`; remove `at`, or use a calendar schedule such as `daily: true`"]],
  ["at with no schedule", job("size: 1M, at: \"02:00\", keep: 1"), ["2:44: `at` needs a calendar schedule (`hourly`, `daily`, `weekly`, `monthly` or `yearly`), and job `app` has no schedule; remove `at`, or use a calendar schedule such as `daily: true`"]],
  ["an hourly at with hours", job("hourly: true, at: \"02:15\", keep: 1"), ["2:52: Expected `at` to be \":MM[:SS]\" (minutes past the hour) with `hourly`, got `02:15` (string); write it as in `at: \":15\"`"]],
  ["a daily at of 24:00", job("daily: true, at: \"24:00\", keep: 1"), ["2:51: Expected `at` to be \"HH:MM[:SS]\" with `daily`, got `24:00` (string); write it as in `at: \"02:30\"`"]],
  ["an hourly job given a daily time by defaults", "defaults: { at: \"02:00\", keep: 1 }\njobs:\n  app: { path: a, hourly: true }\n", ["1:17: Expected `at` to be \":MM[:SS]\" (minutes past the hour) with `hourly` (from `defaults`, for job `app`), got `02:00` (string); write it as in `at: \":15\"`"]],
  ["a job without path", "jobs:\n  app: { daily: true, keep: 1 }\n", ["2:3: Job `app` has no `path`; add the log file(s) to rotate, such as `path: /var/log/app.log`"]],
  ["an empty job", "jobs:\n  app:\n", ["2:3: Job `app` has no `path`; add the log file(s) to rotate, such as `path: /var/log/app.log`"]],
  ["a job that is a string", "jobs:\n  app: /var/log/app.log\n", ["2:8: Expected job `app` to be a map, got `/var/log/app.log` (string); write it as in `app: { path: /var/log/app.log, daily: true, keep: 7 }`"]],
  ["a job without schedule or size", job("keep: 1"), ["2:3: Job `app` has no schedule and no `size`; add a schedule such as `every: 1h` or `daily: true`, or a `size` such as `size: 10MiB`"]],
  ["a duplicate job", "jobs:\n  app: { path: a, daily: true, keep: 1 }\n  app: { path: b, daily: true, keep: 1 }\n", ["3:3: Job `app` is defined twice (first at 2:3); rename one of them: job names identify jobs in reload, status and metrics"]],
  ["a duplicate key", job("daily: true, keep: 1, keep: 2"), ["2:56: `keep` is given twice in job `app` (first at 2:47); keep one of them"]],
];

describe("rotor's YAML config: bad configs", () => {
  it.each(rows)("reports %s at its line and column", (_what, config, expected) => {
    expect(messages(config)).toEqual(expected);
  });

  it("reports every problem of a file, in the order of the file, not only the first", () => {
    const config = ["defaults: { kep: 5 }", "jobs:", "  a: { path: a, every: 1x, keep: 1 }", "  b: { path: b, daily: true, keep: -3 }", "  c: { daily: true, keep: 1 }"].join("\n");
    expect(messages(config).map((m) => m.split(":").slice(0, 2).join(":"))).toEqual(["1:13", "3:24", "4:36", "5:3"]);
  });

  it("gives every problem a stable code and the file, line and column as fields", () => {
    const [error] = parse(job("daily: true, keep: -2")).errors;
    expect({ code: error!.code, file: error!.file, line: error!.line, column: error!.column }).toEqual({ code: "ERR_CONFIG_BAD_VALUE", file: "/etc/rotor/rotor.yaml", line: 2, column: 53 });
  });

  it("keeps the jobs without problems in the model beside the errors", () => {
    const { model, errors } = parse("jobs:\n  good: { path: a, daily: true, keep: 1 }\n  bad: { path: b, daily: true, keep: x }\n");
    expect({ names: model.logs.map((log) => log.name), errors: errors.length }).toEqual({ names: ["good"], errors: 1 });
  });
});
