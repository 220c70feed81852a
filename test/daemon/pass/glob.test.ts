import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expandPattern } from "../../../src/daemon/pass/index.js";
import { matchesPattern } from "../../../src/daemon/pass/glob.js";
import { nodeFs } from "../../../src/rotate/index.js";
import { run } from "../../../src/scheduler/index.js";

const dir = mkdtempSync(join(tmpdir(), "rotor-glob-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const name of ["b.log", "a.log", "a.log.1", ".hidden.log", "c.txt"]) writeFileSync(join(dir, name), "");
mkdirSync(join(dir, "app1"));
mkdirSync(join(dir, "app2"));
writeFileSync(join(dir, "app1", "x.log"), "");
writeFileSync(join(dir, "app2", "x.log"), "");

const expand = (pattern: string) => run(expandPattern(pattern, nodeFs));

describe("expandPattern", () => {
  it("returns the matches sorted, without dot files", async () => {
    expect(await expand(`${dir}/*.log`)).toEqual([`${dir}/a.log`, `${dir}/b.log`]);
  });

  it("matches already-rotated files too, as logrotate's glob does", async () => {
    expect(await expand(`${dir}/a.log*`)).toEqual([`${dir}/a.log`, `${dir}/a.log.1`]);
  });

  it("expands wildcards in directory segments", async () => {
    expect(await expand(`${dir}/app?/x.log`)).toEqual([`${dir}/app1/x.log`, `${dir}/app2/x.log`]);
  });

  it("keeps a pattern that matches nothing as the literal path", async () => {
    expect(await expand(`${dir}/*.nomatch`)).toEqual([`${dir}/*.nomatch`]);
  });

  it("leaves a path without wildcards alone, existing or not", async () => {
    expect(await expand(`${dir}/missing.log`)).toEqual([`${dir}/missing.log`]);
  });

  it("matches a leading dot when the pattern has one", async () => {
    expect(await expand(`${dir}/.h*`)).toEqual([`${dir}/.hidden.log`]);
  });
});

describe("matchesPattern", () => {
  it.each([
    ["/var/log/app/*.log", "/var/log/app/a.log", true],
    ["/var/log/app/*.log", "/var/log/app/a.log.1", false],
    ["/var/log/app/*.log", "/var/log/app/.a.log", false],
    ["/var/log/app/.*.log", "/var/log/app/.a.log", true],
    ["/var/log/*/x.log", "/var/log/app1/x.log", true],
    ["/var/log/*/x.log", "/var/log/app1/sub/x.log", false],
    ["/var/log/app/a.log", "/var/log/app/a.log", true],
    ["/var/log/app/a.log", "/var/log/app/b.log", false],
  ])("says whether %s names %s, existing or not: %s", (pattern, path, expected) => {
    expect(matchesPattern(pattern, path)).toBe(expected);
  });
});
