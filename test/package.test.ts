/**
 * The package as a user gets it: built files, imported by name from plain node, and the
 * `rotor` executable. `npm test` builds first; run `npm run build` before running this alone.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: Record<string, { import: string; types: string }>;
  bin: Record<string, string>;
};

describe("the built package", () => {
  it("points exports and bin at files that the build produced", () => {
    for (const target of [pkg.exports["."]!.import, pkg.exports["."]!.types, ...Object.values(pkg.bin)]) {
      expect(existsSync(new URL(`../${target}`, import.meta.url)), `${target} (run npm run build)`).toBe(true);
    }
  });

  it("is importable by name from plain node, with no TypeScript tooling", () => {
    const script = `import { run, sleep, all } from "rotor";
const value = await run(function* () { const [a, b] = yield* all([sleep(1), sleep(2)]); return "ran on " + typeof run; });
console.log(value);`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(output.trim()).toBe("ran on function");
  });

  it("has a working rotor executable", () => {
    const output = execFileSync(process.execPath, [pkg.bin.rotor!, "--version"], { cwd: root, encoding: "utf8" });
    expect(output.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
