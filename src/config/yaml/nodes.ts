/**
 * Reading the YAML document tree: where a node is (file:line:column through a
 * LineCounter), its plain value, and how a value is shown in a message.
 */
import { isAlias, isScalar, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from "yaml";
import { ConfigError, type ConfigErrorCode } from "../errors.js";
import type { Location } from "../model.js";

/** One YAML file being loaded: its text, its document, its positions, and the problems found so far. */
export interface YamlFile {
  file: string;
  /** The source: a scalar's text is sliced from it by range (see sourceText). */
  text: string;
  doc: Document;
  lines: LineCounter;
  errors: ConfigError[];
}

/**
 * The 1-based line and column where a node starts.
 *
 * @example
 * locate(yaml, pair.key); // { file: "/etc/rotor.yaml", line: 4, column: 3 }
 */
export function locate(yaml: YamlFile, node: unknown): Location {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  const { line, col } = yaml.lines.linePos(range?.[0] ?? 0);
  return { file: yaml.file, line, column: col };
}

/**
 * Records a problem at a node. YAML errors have no logrotate wording, so the message stands for it.
 *
 * @example
 * fail(yaml, pair.key, "ERR_CONFIG_UNKNOWN_KEY", "Unknown key `kepe`", "did you mean `keep`?");
 */
export function fail(yaml: YamlFile, node: unknown, code: ConfigErrorCode, problem: string, action: string): void {
  yaml.errors.push(new ConfigError(locate(yaml, node), { code, problem, action, logrotate: problem }));
}

/**
 * The node itself, an alias followed to what it names.
 *
 * @example
 * const node = resolved(yaml, pair.value);
 */
export function resolved(yaml: YamlFile, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(yaml.doc) as Node | undefined) ?? null;
  return (node as Node | null) ?? null;
}

/**
 * A node as plain JavaScript (maps become objects, lists arrays).
 *
 * @example
 * plainValue(yaml, pair.value); // 5
 */
export function plainValue(yaml: YamlFile, node: unknown): unknown {
  const target = resolved(yaml, node);
  if (target === null) return null;
  return target.toJS(yaml.doc);
}

/**
 * The text a scalar was written with (`0640` where its value is 640), or undefined.
 * Sliced from the file by the node's range rather than kept from the parser
 * (`keepSourceTokens`): the CST of a 10,000-job config is about 50 MB, held only for this.
 *
 * @example
 * sourceText(yaml, pair.value); // "0640"
 */
export function sourceText(yaml: YamlFile, node: unknown): string | undefined {
  if (!isScalar(node) || node.range === undefined || node.range === null) return undefined;
  return yaml.text.slice(node.range[0], node.range[1]);
}

/**
 * The entries of a map whose keys are plain strings; a key of another kind is reported.
 *
 * @example
 * for (const { key, pair } of stringEntries(yaml, map)) …
 */
export function stringEntries(yaml: YamlFile, map: YAMLMap): { key: string; pair: Pair }[] {
  const entries: { key: string; pair: Pair }[] = [];
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key === "string" || typeof key === "number") entries.push({ key: String(key), pair });
    else fail(yaml, pair.key, "ERR_CONFIG_BAD_VALUE", `Expected a key to be a string, got ${shown(plainValue(yaml, pair.key))}`, "write a plain name before the colon");
  }
  return entries;
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "map";
  return typeof value;
}

/**
 * A value as the message template shows it: `` `-1` (number) ``.
 *
 * @example
 * shown("30x"); // "`30x` (string)"
 */
export function shown(value: unknown): string {
  const text = typeof value === "string" ? value : value === undefined ? "null" : JSON.stringify(value);
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `\`${short}\` (${typeName(value)})`;
}
