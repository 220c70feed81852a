/**
 * Reading one mapping of job keys (a job, or `defaults`) into a layer: each known key's
 * value checked against its schema and converted, with where it was written. Every
 * problem is recorded and reading goes on, so one load reports all of a file's problems.
 */
import { Value } from "@sinclair/typebox/value";
import type { Pair, YAMLMap } from "yaml";
import type { Location } from "../model.js";
import type { JobKey } from "./key.js";
import { DEFAULTS_KEY_NAMES, JOB_KEYS, TOP_KEYS, isScheduleKey, lookupJobKey } from "./keys.js";
import { fail, locate, plainValue, shown, sourceText, stringEntries, type YamlFile } from "./nodes.js";
import { nearestName } from "./suggest.js";

/** One key as given: its converted value, its nodes (for later messages) and where its key is. */
export interface Given {
  key: JobKey;
  /** undefined: the value was wrong (already reported); kept so that no "missing key" follows. */
  value: unknown;
  pair: Pair;
  at: Location;
}

/** The keys of one mapping, by name. */
export type Layer = Map<string, Given>;

const ALL_NAMES = JOB_KEYS.map((key) => key.name);

function unknownKey(yaml: YamlFile, pair: Pair, name: string, where: string, isDefaults: boolean): void {
  if (isDefaults && name === "path") {
    fail(yaml, pair.key, "ERR_CONFIG_UNKNOWN_KEY", "`path` cannot be in `defaults`", "give each job its own `path`");
    return;
  }
  const near = nearestName(name, isDefaults ? DEFAULTS_KEY_NAMES : ALL_NAMES) ?? nearestName(name, TOP_KEYS);
  const action = near !== undefined ? `did you mean \`${near}\`?` : "see docs/config-yaml.md for the keys a job takes";
  fail(yaml, pair.key, "ERR_CONFIG_UNKNOWN_KEY", `Unknown key \`${name}\` in ${where}`, action);
}

/**
 * Reads a job's or the defaults' keys. `where` names the mapping in messages ("job `web`").
 *
 * @example
 * const layer = readLayer(yaml, jobMap, "job `web`", false);
 */
export function readLayer(yaml: YamlFile, map: YAMLMap, where: string, isDefaults: boolean): Layer {
  const layer: Layer = new Map();
  let schedule: Given | undefined;
  for (const { key: name, pair } of stringEntries(yaml, map)) {
    const key = lookupJobKey(name);
    if (key === undefined || (isDefaults && name === "path")) {
      unknownKey(yaml, pair, name, where, isDefaults);
      continue;
    }
    const first = layer.get(name);
    if (first !== undefined) {
      fail(yaml, pair.key, "ERR_CONFIG_DUPLICATE_KEY", `\`${name}\` is given twice in ${where} (first at ${first.at.line}:${first.at.column})`, "keep one of them");
      continue;
    }
    const raw = plainValue(yaml, pair.value);
    const value = Value.Check(key.schema, raw) ? key.convert(raw, sourceText(yaml, pair.value)) : undefined;
    const given: Given = { key, value, pair, at: locate(yaml, pair.key) };
    layer.set(name, given);
    if (value === undefined) {
      fail(yaml, pair.value ?? pair.key, "ERR_CONFIG_BAD_VALUE", `Expected \`${name}\` to be ${key.expects}, got ${shown(raw)}`, `write it as in \`${key.example}\``);
    } else if (isScheduleKey(name) && value !== null) {
      if (schedule !== undefined) {
        fail(yaml, pair.key, "ERR_CONFIG_SCHEDULE_CONFLICT", `Expected at most one schedule in ${where}, got \`${schedule.key.name}\` and \`${name}\``, "keep one of them (add `size` to rotate on size as well)");
      } else {
        schedule = given;
      }
    }
  }
  return layer;
}
