/**
 * Property tests: whatever the text, loading returns a model and ConfigErrors with a
 * position inside the file, and never throws. Random text exercises the YAML parser's
 * errors; random jobs built from real keys and random values exercise the checks. The
 * time limit is generous because the machine is shared; the runs are few enough to be quick.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/config/index.js";
import { parseRotorConfig } from "../../../src/config/yaml/index.js";
import { JOB_KEYS } from "../../../src/config/yaml/keys.js";

const FILE = "/etc/rotor/rotor.yaml";

function checkResult(text: string): void {
  const { model, errors } = parseRotorConfig(text, FILE);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const error of errors) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.line >= 1 && error.line <= lines + 1 && error.column >= 1).toBe(true);
  }
  if (errors.length === 0) for (const log of model.logs) expect(log.patterns.length).toBeGreaterThan(0);
}

const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("30s", "1h30m", "10k", "02:30", ":15", "monday", "02-29", "gzip", "zstd", "0640", "create", true, false, -1, 0, 5, 31));
const job = fc.dictionary(fc.oneof(fc.constantFrom(...JOB_KEYS.map((key) => key.name)), fc.string({ maxLength: 8 })), value, { maxKeys: 6 });
const config = fc.record({ defaults: fc.option(job, { nil: undefined }), jobs: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), job, { maxKeys: 4 }) }, { requiredKeys: [] });

describe("rotor's YAML config: any input", () => {
  it("never throws on random text, and places every error inside the file", () => {
    const yamlish = fc.string({ maxLength: 200, unit: fc.constantFrom(..."jobs: {}[]-,&*!|>'\"#\n\t ak0:".split("")) });
    fc.assert(fc.property(fc.oneof(yamlish, fc.string({ maxLength: 100, unit: "grapheme" })), (text) => checkResult(text)), { numRuns: 200 });
  }, 30_000);

  it("never throws on random configs of real keys and random values", () => {
    fc.assert(fc.property(config, (c) => checkResult(stringify(c))), { numRuns: 200 });
  }, 30_000);
});
