/**
 * The JSON Schema of rotor's YAML config, built from the job-key table, so editors
 * (yaml-language-server, VS Code, JetBrains) check and complete the same keys the loader
 * accepts. TypeBox schemas are JSON Schema objects already: publishing one is
 * `JSON.stringify`. `npm run schema` writes it to schema/rotor.schema.json, and a test fails
 * when that file is stale.
 *
 * What the schema cannot say, the loader still checks: at most one schedule per job, `at`
 * only with a calendar unit, a schedule or a size in every job, `keep` somewhere, the
 * values behind the patterns (a day 02-31, a time 25:00, an unknown time zone).
 */
import { Type, type TSchema } from "@sinclair/typebox";
import { JOB_KEYS } from "./keys.js";

function jobSchema(withPath: boolean, description: string): TSchema {
  const properties: Record<string, TSchema> = {};
  for (const key of JOB_KEYS) {
    if (key.name === "path" && !withPath) continue;
    properties[key.name] = key.name === "path" ? key.schema : Type.Optional(key.schema);
  }
  return Type.Object(properties, { additionalProperties: false, description });
}

/**
 * The schema as an object.
 *
 * @example
 * rotorJsonSchema().properties.jobs; // { type: "object", additionalProperties: { … } }
 */
export function rotorJsonSchema(): TSchema {
  const job = jobSchema(true, "a job: the log file(s) of `path`, rotated on one schedule and/or a size");
  const defaults = jobSchema(false, "keys every job inherits unless it sets them: any job key but `path`");
  return Type.Object(
    {
      defaults: Type.Optional(defaults),
      jobs: Type.Object({}, { additionalProperties: job, description: "the jobs, by name (names are used by reload, status and metrics)" }),
    },
    {
      $schema: "http://json-schema.org/draft-07/schema#",
      title: "rotor configuration",
      description: "rotor's YAML config: see docs/config-yaml.md",
      additionalProperties: false,
    },
  );
}

/**
 * The text of schema/rotor.schema.json: stable key order, two-space indent, final newline.
 *
 * @example
 * writeFileSync("schema/rotor.schema.json", rotorJsonSchemaText());
 */
export function rotorJsonSchemaText(): string {
  return `${JSON.stringify(rotorJsonSchema(), null, 2)}\n`;
}
