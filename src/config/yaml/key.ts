/**
 * The shape of one entry of the job-key table (see keys.ts): its JSON Schema (which is
 * what editors get, and what values are checked against), the words of its error message,
 * and how its value reaches LogSettings. One table drives loading, the published schema and
 * docs/config-yaml.md, as vitest's cli-config table drives its CLI.
 */
import { Type, type Static, type TSchema } from "@sinclair/typebox";
import type { LogSettings } from "../model.js";
import { SIZE_PATTERN, parseSize } from "./units.js";

/** How the docs group the keys; the order of the groups is the order of the reference. */
export type KeyGroup = "what" | "when" | "keep" | "names" | "compression" | "files" | "scripts";

export interface JobKey {
  name: string;
  group: KeyGroup;
  /** The JSON Schema of the value, with a `description`. */
  schema: TSchema;
  /** What the message says was expected: ``Expected `keep` to be <expects>, got …``. */
  expects: string;
  /** A correct line, offered as what to do: `keep: 5`. */
  example: string;
  /** The schema-checked value made ready to store; undefined when it is still wrong. `source` is the scalar as written. */
  convert(value: unknown, source: string | undefined): unknown;
  /** Stores a converted value; absent for the keys the job builder combines itself (path, schedules, at, size). */
  apply?(settings: LogSettings, value: unknown): void;
}

interface KeyDefinition<S extends TSchema, V> {
  group: KeyGroup;
  schema: S;
  expects: string;
  example: string;
  convert?(value: Static<S>, source: string | undefined): V | undefined;
  apply?(settings: LogSettings, value: V): void;
}

/**
 * One typed entry; the table stores it with its types erased.
 *
 * @example
 * defineKey("keep", { group: "keep", schema: Type.Integer({ minimum: -1 }), expects: "an integer >= -1", example: "keep: 5", apply: (s, v) => { s.keep = v; } });
 */
export function defineKey<S extends TSchema, V = Static<S>>(name: string, definition: KeyDefinition<S, V>): JobKey {
  return {
    name,
    group: definition.group,
    schema: definition.schema,
    expects: definition.expects,
    example: definition.example,
    convert: (value, source) => (definition.convert ? definition.convert(value as Static<S>, source) : value),
    apply: definition.apply as JobKey["apply"],
  };
}

/**
 * A boolean flag stored under the same name in LogSettings.
 *
 * @example
 * flagKey("missingok", "files", "a missing log is skipped instead of being an error")
 */
export function flagKey(name: keyof LogSettings & string, group: KeyGroup, description: string): JobKey {
  return defineKey(name, {
    group,
    schema: Type.Boolean({ description }),
    expects: "true or false",
    example: `${name}: true`,
    apply: (s, v) => {
      (s as unknown as Record<string, boolean>)[name] = v;
    },
  });
}

/**
 * The schema of a size: bytes as a number, or text with a unit.
 *
 * @example
 * Type.Object({ size: sizeSchema("rotate once the log is this big") })
 */
export function sizeSchema(description: string): TSchema {
  return Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: SIZE_PATTERN })], { description });
}

/** The words of a size's message. */
export const SIZE_EXPECTS = 'a size such as 1024, "10k", "10MiB" or "1G"';

/**
 * A size key stored in bytes under `field` (or combined by the job builder when `field` is null).
 *
 * @example
 * sizeKey("minsize", "minsize", "when", "a schedule fires only if the log is at least this big")
 */
export function sizeKey(name: string, field: "minsize" | "maxsize" | "maxTotalSize" | null, group: KeyGroup, description: string): JobKey {
  return defineKey(name, {
    group,
    schema: sizeSchema(description),
    expects: SIZE_EXPECTS,
    example: `${name}: 10MiB`,
    convert: (v: unknown) => parseSize(v as number | string),
    apply: field === null ? undefined : (s, v: number) => {
      s[field] = v;
    },
  });
}
