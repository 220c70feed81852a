import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/program.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rotor-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe("rotor rotate", () => {
  it("rotates a log now, keeping N compressed versions", async () => {
    writeFileSync(join(dir, "app.log"), "live\n");
    writeFileSync(join(dir, "app.log.1"), "old\n");
    const { code, out } = await cli("rotate", join(dir, "app.log"), "--keep", "2", "--compress");
    expect(code).toBe(0);
    expect(out).toEqual([`${join(dir, "app.log")}: rotated to ${join(dir, "app.log.1.gz")}`]);
    expect(readdirSync(dir).sort()).toEqual(["app.log", "app.log.1.gz", "app.log.2.gz"]);
    expect(gunzipSync(readFileSync(join(dir, "app.log.1.gz"))).toString()).toBe("live\n");
    expect(gunzipSync(readFileSync(join(dir, "app.log.2.gz"))).toString()).toBe("old\n");
  });

  it("prints the plan and changes nothing with --dry-run", async () => {
    writeFileSync(join(dir, "app.log"), "live\n");
    const { code, out } = await cli("rotate", join(dir, "app.log"), "--keep", "1", "--dry-run");
    expect(code).toBe(0);
    expect(out).toEqual([`${join(dir, "app.log")}: would rename ${join(dir, "app.log")} -> ${join(dir, "app.log.1")}`, `${join(dir, "app.log")}: would create ${join(dir, "app.log")} (mode 644, uid ${process.getuid!()}, gid ${process.getgid!()})`]);
    expect(readdirSync(dir)).toEqual(["app.log"]);
  });

  it("exits 2 with the option, what it expected and what it got for a bad value", async () => {
    const { code, err } = await cli("rotate", join(dir, "app.log"), "--keep", "many");
    expect(code).toBe(2);
    expect(err).toEqual(["rotor: Expected `--keep` to be an integer >= -1, got `many`", "(run `rotor rotate --help` for usage)"]);
  });

  it("exits 1 naming a missing log, and still rotates the others", async () => {
    writeFileSync(join(dir, "b.log"), "b\n");
    const { code, out, err } = await cli("rotate", join(dir, "a.log"), join(dir, "b.log"), "--keep", "1");
    expect(code).toBe(1);
    expect(err).toEqual([`rotor: error: ${join(dir, "a.log")}: the log does not exist. Create it, fix the path, or set \`missingok\` to skip missing logs.`, "rotor: 1 of 2 log(s) failed"]);
    expect(out).toEqual([`${join(dir, "b.log")}: rotated to ${join(dir, "b.log.1")}`]);
  });
});
