/**
 * The published JSON Schema and the key reference: both are generated from the key table
 * by `npm run schema`; these tests fail when the committed files are stale, and check that
 * the schema says what the loader says on the seed and on a few bad configs.
 */
import { readFileSync } from "node:fs";
import { Value } from "@sinclair/typebox/value";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { rotorJsonSchema, rotorJsonSchemaText } from "../../../src/config/yaml/index.js";
import { JOB_KEYS } from "../../../src/config/yaml/keys.js";
import { keyReference, withReference } from "../../../src/config/yaml/reference.js";

const root = new URL("../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

describe("rotor's YAML config: the JSON Schema", () => {
  it("is up to date in schema/rotor.schema.json (run `npm run schema` when this fails)", () => {
    expect(read("schema/rotor.schema.json")).toBe(rotorJsonSchemaText());
  });

  it("is up to date in the key reference of docs/config-yaml.md (run `npm run schema` when this fails)", () => {
    const doc = read("docs/config-yaml.md");
    expect(withReference(doc)).toBe(doc);
    for (const key of JOB_KEYS) expect(keyReference()).toContain(`| \`${key.name}\` |`);
  });

  it("lists every job key, and every key but path under defaults", () => {
    const schema = JSON.parse(rotorJsonSchemaText());
    const names = JOB_KEYS.map((key) => key.name);
    expect(Object.keys(schema.properties.jobs.additionalProperties.properties)).toEqual(names);
    expect(Object.keys(schema.properties.defaults.properties)).toEqual(names.filter((name) => name !== "path"));
    expect(schema.properties.jobs.additionalProperties.required).toEqual(["path"]);
  });

  const configs: [what: string, text: string, valid: boolean][] = [
    ["the seed", read("docs/config-yaml.md").split("```yaml\n")[1]!.split("```")[0]!, true],
    ["every compress form", "jobs:\n  a: { path: a, compress: { command: xz, args: ['-9'], ext: .xz } }\n  b: { path: b, compress: zstd }\n", true],
    ["an unknown key", "jobs:\n  a: { path: a, kep: 1 }\n", false],
    ["a job without path", "jobs:\n  a: { keep: 1 }\n", false],
    ["path in defaults", "defaults: { path: a }\njobs: {}\n", false],
    ["a duration without unit", "jobs:\n  a: { path: a, every: \"30\" }\n", false],
    ["a weekday in capitals", "jobs:\n  a: { path: a, weekly: MONDAY }\n", true],
    ["a bare octal mode", "jobs:\n  a: { path: a, createMode: 0640 }\n", true],
  ];

  it.each(configs)("judges %s as the loader does", (_what, text, valid) => {
    expect(Value.Check(rotorJsonSchema(), parseYaml(text))).toBe(valid);
  });
});
