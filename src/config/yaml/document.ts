/**
 * parseRotorConfig: the text of a rotor YAML config into the config model, with every
 * problem of the file. Pure: no filesystem, no clock (the reader and the mode check are in
 * load.ts).
 *
 * The file is a map of two keys: `defaults` (job keys every job inherits) and `jobs` (a map
 * from job name to job). YAML 1.2 (`yes` is a string, `0640` is decimal: see createMode),
 * anchors and aliases allowed, one document per file.
 */
import { LineCounter, isMap, parseDocument, type YAMLMap } from "yaml";
import type { ConfigError } from "../errors.js";
import type { ConfigModel, LogEntry } from "../model.js";
import { buildJob } from "./job.js";
import { TOP_KEYS, lookupJobKey } from "./keys.js";
import { readLayer, type Layer } from "./layer.js";
import { fail, locate, plainValue, resolved, shown, stringEntries, type YamlFile } from "./nodes.js";
import { nearestName } from "./suggest.js";

export interface RotorParseResult {
  model: ConfigModel;
  /** Every problem found; when not empty, `model.logs` holds only the jobs without problems. */
  errors: ConfigError[];
}

function syntaxErrors(yaml: YamlFile): boolean {
  for (const problem of [...yaml.doc.errors, ...yaml.doc.warnings]) {
    const text = problem.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    fail(yaml, { range: [problem.pos[0]] }, "ERR_CONFIG_YAML_SYNTAX", `Invalid YAML (${text})`, "fix the syntax there; indent with spaces, and quote values that contain `: ` or ` #`");
  }
  return yaml.errors.length > 0;
}

function mapAt(yaml: YamlFile, node: unknown, what: string, example: string): YAMLMap | null {
  const target = resolved(yaml, node);
  if (isMap(target)) return target;
  if (target === null || plainValue(yaml, target) === null) return null;
  fail(yaml, target, "ERR_CONFIG_BAD_VALUE", `Expected ${what} to be a map, got ${shown(plainValue(yaml, target))}`, `write it as in \`${example}\``);
  return null;
}

function readJobs(yaml: YamlFile, jobs: YAMLMap, defaults: Layer, baseDir: string): LogEntry[] {
  const logs: LogEntry[] = [];
  const seen = new Map<string, string>();
  for (const { key: name, pair } of stringEntries(yaml, jobs)) {
    const first = seen.get(name);
    if (first !== undefined) {
      fail(yaml, pair.key, "ERR_CONFIG_DUPLICATE_JOB", `Job \`${name}\` is defined twice (first at ${first})`, "rename one of them: job names identify jobs in reload, status and metrics");
      continue;
    }
    const at = locate(yaml, pair.key);
    seen.set(name, `${at.line}:${at.column}`);
    const map = mapAt(yaml, pair.value, `job \`${name}\``, `${name}: { path: /var/log/${name}.log, daily: true, keep: 7 }`);
    if (map === null) {
      if (resolved(yaml, pair.value) === null || plainValue(yaml, pair.value) === null) fail(yaml, pair.key, "ERR_CONFIG_MISSING_KEY", `Job \`${name}\` has no \`path\``, "add the log file(s) to rotate, such as `path: /var/log/app.log`");
      continue;
    }
    const before = yaml.errors.length;
    const own = readLayer(yaml, map, `job \`${name}\``, false);
    const entry = buildJob(yaml, { name, keyNode: pair.key, own, defaults, baseDir });
    // A job with any problem stays out of the model: half a job must never run.
    if (entry !== null && yaml.errors.length === before) logs.push(entry);
  }
  return logs;
}

/**
 * Parses a rotor YAML config. `file` is its absolute path: messages name it, and relative
 * job paths start from its directory.
 *
 * @example
 * const { model, errors } = parseRotorConfig("jobs:\n  app: { path: app.log, daily: true, keep: 7 }\n", "/etc/rotor/rotor.yaml");
 * model.logs[0].patterns[0].path; // "/etc/rotor/app.log"
 */
export function parseRotorConfig(text: string, file: string): RotorParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const yaml: YamlFile = { file, text, doc, lines, errors: [] };
  const model: ConfigModel = { files: [file], logs: [], taboo: [] };
  if (syntaxErrors(yaml)) return { model, errors: yaml.errors };
  const root = mapAt(yaml, doc.contents, "the config", "jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }");
  if (root === null) {
    if (yaml.errors.length === 0) fail(yaml, doc.contents, "ERR_CONFIG_MISSING_KEY", "The config has no `jobs`", "add a `jobs:` map, such as `jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }`");
    return { model, errors: yaml.errors };
  }
  const top = new Map<string, unknown>();
  for (const { key, pair } of stringEntries(yaml, root)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) {
      const near = nearestName(key, TOP_KEYS);
      const action = near !== undefined ? `did you mean \`${near}\`?` : lookupJobKey(key) !== undefined ? `put \`${key}\` under \`defaults:\` or under a job` : "the top level holds only `defaults` and `jobs`";
      fail(yaml, pair.key, "ERR_CONFIG_UNKNOWN_KEY", `Unknown key \`${key}\` at the top of the config`, action);
    } else if (top.has(key)) {
      fail(yaml, pair.key, "ERR_CONFIG_DUPLICATE_KEY", `\`${key}\` is given twice at the top of the config`, "merge them into one");
    } else {
      top.set(key, pair.value);
    }
  }
  const defaultsMap = top.has("defaults") ? mapAt(yaml, top.get("defaults"), "`defaults`", "defaults: { keep: 5, compress: gzip }") : null;
  const defaults = defaultsMap === null ? new Map() : readLayer(yaml, defaultsMap, "`defaults`", true);
  if (!top.has("jobs")) {
    fail(yaml, root, "ERR_CONFIG_MISSING_KEY", "The config has no `jobs`", "add a `jobs:` map, such as `jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }`");
    return { model, errors: yaml.errors };
  }
  const jobs = mapAt(yaml, top.get("jobs"), "`jobs`", "jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }");
  if (jobs !== null) model.logs = readJobs(yaml, jobs, defaults, file.slice(0, file.lastIndexOf("/")) || "/");
  // In the order of the file, as a reader fixes them (the top level is read first).
  return { model, errors: yaml.errors.sort((a, b) => a.line - b.line || a.column - b.column) };
}
