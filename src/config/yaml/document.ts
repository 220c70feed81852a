/**
 * parseRotorConfig: the text of a rotor YAML config into the config model, with every
 * problem of the file. Pure: no filesystem, no clock (the reader and the mode check are in
 * load.ts).
 *
 * The file is a map of two keys: `defaults` (job keys every job inherits) and `jobs` (a map
 * from job name to job). YAML 1.2 (`yes` is a string, `0640` is decimal: see createMode),
 * anchors and aliases allowed, one document per file.
 */
import { LineCounter, isMap, isNode, parseDocument, visit, type Document, type YAMLMap } from "yaml";
import type { ConfigError } from "../errors.js";
import type { ConfigModel, LogEntry } from "../model.js";
import { buildJob } from "./job.js";
import { shareCommonParts } from "./share.js";
import { TOP_KEYS, lookupJobKey } from "./keys.js";
import { readLayer, type Layer } from "./layer.js";
import { fail, locate, plainValue, resolved, shown, stringEntries, type YamlFile } from "./nodes.js";
import { splitJobs, type FilePart } from "./pieces.js";
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

/** `seen`: the job names read so far (in this piece and the ones before), with where. */
function readJobs(yaml: YamlFile, jobs: YAMLMap, defaults: Layer, baseDir: string, seen: Map<string, string>): LogEntry[] {
  const logs: LogEntry[] = [];
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

const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false } as const;

/**
 * Jobs composed at once when a long `jobs:` map is read in pieces (pieces.ts). Reading a
 * job allocates tens of KB of short-lived objects: a piece of 500 jobs outlived two
 * young-generation collections and was promoted whole (a 10,000-job load peaked at 165 MB
 * resident), one of 100 dies young (122 MB, of which 64 MB is the process before the load).
 */
const JOBS_PER_PIECE = 100;

/** What the top of the file says: the defaults layer and the `jobs` node; null when there is nothing more to read. */
function readTop(yaml: YamlFile): { defaults: Layer; jobs: unknown } | null {
  const { doc } = yaml;
  if (syntaxErrors(yaml)) return null;
  const root = mapAt(yaml, doc.contents, "the config", "jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }");
  if (root === null) {
    if (yaml.errors.length === 0) fail(yaml, doc.contents, "ERR_CONFIG_MISSING_KEY", "The config has no `jobs`", "add a `jobs:` map, such as `jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }`");
    return null;
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
    return null;
  }
  return { defaults, jobs: top.get("jobs") };
}

function jobsMapAt(yaml: YamlFile, node: unknown): YAMLMap | null {
  return mapAt(yaml, node, "`jobs`", "jobs: { app: { path: /var/log/app.log, daily: true, keep: 7 } }");
}

function baseDirOf(file: string): string {
  return file.slice(0, file.lastIndexOf("/")) || "/";
}

/** In the order of the file, as a reader fixes them (the top level is read first). */
function result(model: ConfigModel, errors: ConfigError[]): RotorParseResult {
  shareCommonParts(model.logs);
  return { model, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };
}

function readWhole(text: string, file: string): RotorParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: lines });
  const yaml: YamlFile = { file, text, doc, lines, errors: [] };
  const model: ConfigModel = { files: [file], logs: [], taboo: [] };
  const top = readTop(yaml);
  const jobs = top === null ? null : jobsMapAt(yaml, top.jobs);
  if (top !== null && jobs !== null) model.logs = readJobs(yaml, jobs, top.defaults, baseDirOf(file), new Map());
  return result(model, yaml.errors);
}

/** A part of the file composed, its nodes' ranges moved to the file's offsets; null if it has a syntax error. */
function composePart(part: FilePart): Document | null {
  const doc = parseDocument(part.text, PARSE_OPTIONS);
  if (doc.errors.length > 0 || doc.warnings.length > 0) return null;
  const toFile = (o: number) => (o < part.cut ? part.start + o : part.resume + o - part.cut);
  visit(doc, (_key, node) => {
    if (isNode(node) && node.range) node.range = [toFile(node.range[0]), toFile(node.range[1]), toFile(node.range[2])];
  });
  return doc;
}

/** The file read in pieces (see pieces.ts), or null when it is to be read whole. */
function readInPieces(text: string, file: string): RotorParseResult | null {
  const split = splitJobs(text, JOBS_PER_PIECE);
  if (split === null) return null;
  // One LineCounter for every piece: they all have the file's offsets.
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
  const errors: ConfigError[] = [];
  const skeletonDoc = composePart(split.skeleton);
  if (skeletonDoc === null) return null;
  const skeleton: YamlFile = { file, text, doc: skeletonDoc, lines, errors };
  const top = readTop(skeleton);
  if (top === null || plainValue(skeleton, top.jobs) !== null) return null;
  const model: ConfigModel = { files: [file], logs: [], taboo: [] };
  const seen = new Map<string, string>();
  for (const piece of split.pieces) {
    const doc = composePart(piece);
    if (doc === null || !isMap(doc.contents)) return null;
    const yaml: YamlFile = { file, text, doc, lines, errors };
    const jobs = jobsMapAt(yaml, doc.contents.get("jobs", true));
    if (jobs === null) return null;
    for (const entry of readJobs(yaml, jobs, top.defaults, baseDirOf(file), seen)) model.logs.push(entry);
  }
  return result(model, errors);
}

/**
 * Parses a rotor YAML config. `file` is its absolute path: messages name it, and relative
 * job paths start from its directory. A long `jobs:` map is composed a few hundred jobs
 * at a time (pieces.ts), with the same model and messages as a whole read.
 *
 * @example
 * const { model, errors } = parseRotorConfig("jobs:\n  app: { path: app.log, daily: true, keep: 7 }\n", "/etc/rotor/rotor.yaml");
 * model.logs[0].patterns[0].path; // "/etc/rotor/app.log"
 */
export function parseRotorConfig(text: string, file: string): RotorParseResult {
  return readInPieces(text, file) ?? readWhole(text, file);
}
