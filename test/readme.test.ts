/** Keeps README's example true: it is extracted, run as a user would, and its output checked. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

it("README's scheduler example runs and prints what it says", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(snippet, "README has a ```ts example").toBeDefined();
  const dir = mkdtempSync(join(tmpdir(), "rotor-readme-"));
  try {
    const file = join(dir, "example.mts");
    writeFileSync(file, snippet!.replace(`from "rotor"`, `from ${JSON.stringify(join(root, "src/index.ts"))}`));
    const output = execFileSync(process.execPath, ["--import", "tsx", file], { cwd: root, encoding: "utf8" });
    expect(output.trim().split("\n")).toEqual([
      "2026-01-01T00:00:20.000Z rotate /tmp/file2",
      "2026-01-01T00:00:30.000Z rotate /tmp/file1",
      "2026-01-01T00:00:40.000Z rotate /tmp/file2",
      "2026-01-01T00:01:00.000Z rotate /tmp/file1",
      "2026-01-01T00:01:00.000Z rotate /tmp/file2",
      "a minute later: size 1024",
      "TimeoutError at 2026-01-01T00:01:00.100Z",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("README's daemon config is a valid rotor config with the seed's four jobs", async () => {
  const { parseRotorConfig } = await import("../src/config/yaml/index.js");
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(yaml, "README has a ```yaml config").toBeDefined();
  const { model, errors } = parseRotorConfig(yaml!, "/etc/rotor/rotor.yaml");
  expect(errors.map((error) => error.message)).toEqual([]);
  expect(model.logs.map((entry) => [entry.name, entry.patterns[0]!.path, entry.settings.keep])).toEqual([
    ["file1", "/tmp/file1", 3],
    ["file2", "/tmp/file2", 5],
    ["file3", "/tmp/file3", 3],
    ["file4", "/tmp/file4", 5],
  ]);
});
