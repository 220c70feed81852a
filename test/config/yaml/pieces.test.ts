/**
 * A long `jobs:` map is composed in pieces (src/config/yaml/pieces.ts): the model and every
 * message, with its line:column, are those of a whole read. A whole read is forced here by
 * a comment that looks like an anchor, which pieces.ts never splits.
 */
import { describe, expect, it } from "vitest";
import { parseRotorConfig } from "../../../src/config/yaml/index.js";
import { splitJobs } from "../../../src/config/yaml/pieces.js";

const FILE = "/etc/rotor/rotor.yaml";

/** 1,200 jobs in three styles, some with problems, between a `defaults` and a stray top-level key. */
function longConfig(): string {
  const lines = ["# rotor", "defaults:", "  keep: 2", "  at: \"02:30\"", "jobs:", "  # the jobs"];
  for (let i = 0; i < 1200; i++) {
    if (i % 3 === 0) lines.push(`  job-${i}:`, `    path: /var/log/j${i}.log`, "    daily: true", "    # why", "    createMode: 0640", "");
    else if (i === 1001) lines.push("  job-5: { path: dup.log, daily: true }");
    else if (i === 1100) lines.push("  job-1100: { path: x.log, dayly: true }");
    else if (i % 7 === 0) lines.push(`  job-${i}: { path: "/var/log/j${i}.log", every: 1h, keep: -5 }`);
    else lines.push(`  job-${i}: { path: "j${i}.log", weekly: monday, size: 10M, postrotate: "kill -HUP 1" }`);
  }
  lines.push("bogus: 1", "");
  return lines.join("\n");
}

describe("reading a long jobs map in pieces", () => {
  it("gives the model and the messages of a whole read, positions included", () => {
    const text = longConfig();
    expect(splitJobs(text, 100)?.pieces.length).toBe(12);
    const pieces = parseRotorConfig(text, FILE);
    const whole = parseRotorConfig(`${text}# &whole\n`, FILE);
    expect(splitJobs(`${text}# &whole\n`, 100)).toBeNull();
    expect(pieces.model).toEqual(whole.model);
    expect(pieces.errors.map((e) => e.message)).toEqual(whole.errors.map((e) => e.message));
    expect(pieces.model.logs).toHaveLength(1085);
    const messages = pieces.errors.map((e) => e.message);
    expect(messages.some((m) => m.includes("job-5") && m.includes("defined twice"))).toBe(true);
    expect(messages.some((m) => m.includes("dayly"))).toBe(true);
    expect(messages.some((m) => m.includes("bogus"))).toBe(true);
  });

  it.each([
    ["an anchor", "jobs:\n  a: &x { path: a.log, daily: true, keep: 1 }\n  b: *x\n"],
    ["a flow map of jobs", "jobs: { a: { path: a.log, daily: true, keep: 1 }, b: { path: b.log, daily: true, keep: 1 } }\n"],
    ["a document marker", "---\njobs:\n  a: { path: a.log, daily: true, keep: 1 }\n  b: { path: b.log, daily: true, keep: 1 }\n"],
    ["a tab in an indentation", "jobs:\n\ta: { path: a.log, daily: true, keep: 1 }\n\tb: { path: b.log, daily: true, keep: 1 }\n"],
    ["jobs given twice", "jobs:\n  a: { path: a.log, daily: true, keep: 1 }\njobs:\n  b: { path: b.log, daily: true, keep: 1 }\n"],
  ])("reads whole a file with %s", (_what, text) => {
    expect(splitJobs(text, 1)).toBeNull();
  });

  it("reads whole a file where a piece would not parse on its own, with the whole read's message", () => {
    // `b` at the jobs' depth inside a's flow map: split there, the pieces would not parse.
    const text = "jobs:\n  a: { path: a.log,\n  b: 1, daily: true, keep: 1 }\n  c: { path: c.log, daily: true, keep: 1 }\n";
    expect(splitJobs(text, 1)).not.toBeNull();
    expect(parseRotorConfig(text, FILE)).toEqual(parseRotorConfig(`${text}# &whole\n`, FILE));
  });
});
