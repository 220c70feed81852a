/** `rotor check`, `simulate`, `status` and `once` on rotor's YAML, run in-process on real temp files. */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/program.js";

// Wednesday 2026-11-25 10:00:00 UTC.
const NOW = Date.UTC(2026, 10, 25, 10);

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line), now: () => NOW });
  return { code, out, err };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), "rotor-cmd-"));
  dirs.push(dir);
  writeFileSync(join(dir, "rotor.yaml"), config);
  chmodSync(join(dir, "rotor.yaml"), 0o644);
  return dir;
}

const SEED = `jobs:
  file1: { path: file1.log, every: 30s, keep: 3 }
  file2: { path: file2.log, every: 20s, keep: 5 }
  file3: { path: file3.log, size: 1024, check: 60s, keep: 3 }
  file4: { path: file4.log, daily: true, at: "00:00", timezone: Europe/Paris, keep: 5 }
`;

describe("rotor check", () => {
  it("shows each job's files, trigger and next rotations as a timeline", async () => {
    const dir = scratch(SEED);
    const { code, out } = await cli("check", join(dir, "rotor.yaml"), "--state", join(dir, "status"), "--count", "2");
    expect(code).toBe(0);
    expect(out).toEqual([
      `${join(dir, "rotor.yaml")}: 4 jobs, no problems`,
      "",
      "file1",
      `  files: ${dir}/file1.log`,
      "  keeps 3 versions",
      "  every 30s",
      "  next: 2026-11-25 10:00:30, 2026-11-25 10:01:00",
      "",
      "file2",
      `  files: ${dir}/file2.log`,
      "  keeps 5 versions",
      "  every 20s",
      "  next: 2026-11-25 10:00:20, 2026-11-25 10:00:40",
      "",
      "file3",
      `  files: ${dir}/file3.log`,
      "  keeps 3 versions",
      "  rotates when a file passes 1024 bytes (watched; polled every 1m)",
      "",
      "file4",
      `  files: ${dir}/file4.log`,
      "  keeps 5 versions",
      "  daily at 00:00 (Europe/Paris)",
      "  next: 2026-11-26 00:00:00, 2026-11-27 00:00:00",
    ]);
  });

  it("lists every problem of a bad config with file:line:column and exits 1", async () => {
    const dir = scratch(`jobs:\n  a: { path: a.log, every: 30s, daily: true }\n  b: { path: b.log, kep: 3 }\n`);
    const { code, err } = await cli("check", join(dir, "rotor.yaml"));
    expect(code).toBe(1);
    expect(err.join("\n")).toContain(`${join(dir, "rotor.yaml")}:2:`);
    expect(err.join("\n")).toContain(`${join(dir, "rotor.yaml")}:3:`);
    expect(err.join("\n")).toContain("did you mean `keep`?");
  });

  it("rejects a bad cron expression at its place in the config", async () => {
    const dir = scratch(`jobs:\n  a: { path: a.log, cron: "61 * * * *" }\n`);
    const { code, err } = await cli("check", join(dir, "rotor.yaml"));
    expect(code).toBe(1);
    expect(err.join("\n")).toMatch(new RegExp(`^rotor: ${join(dir, "rotor.yaml")}:2:\\d+: `));
  });
});

describe("rotor simulate", () => {
  it("prints every rotation the jobs would do, with virtual times, and leaves the real files alone", async () => {
    const dir = scratch(SEED);
    for (const n of [1, 2, 3, 4]) writeFileSync(join(dir, `file${n}.log`), "a line\n");
    const { code, out } = await cli("simulate", join(dir, "rotor.yaml"), "--for", "1m", "--start", "2026-11-25T22:59:30Z", "--grow", "2k");
    expect(code).toBe(0);
    // Two jobs due at one instant rotate concurrently: their order within the instant is the disk's.
    const rotations = out.filter((line) => line.includes(" rotated ")).sort();
    expect(rotations).toEqual([
      `2026-11-25 22:59:50  file2  rotated ${dir}/file2.log  (every 20s)`,
      `2026-11-25 23:00:00  file1  rotated ${dir}/file1.log  (every 30s)`,
      `2026-11-25 23:00:00  file4  rotated ${dir}/file4.log  (daily at 00:00 (Europe/Paris))`,
      `2026-11-25 23:00:10  file2  rotated ${dir}/file2.log  (every 20s)`,
    ]);
    expect(out.at(-1)).toBe("4 rotations, 0 errors");
    for (const n of [1, 2, 3, 4]) expect(readFileSync(join(dir, `file${n}.log`), "utf8")).toBe("a line\n");
  });

  it("reports a job's scripts with the times they would run, and runs none of them", async () => {
    const markers = mkdtempSync(join(tmpdir(), "rotor-markers-"));
    dirs.push(markers);
    const dir = scratch(`jobs:\n  app:\n    path: app.log\n    every: 30s\n    keep: 2\n    prerotate: touch ${markers}/pre\n    postrotate: touch ${markers}/post\n`);
    writeFileSync(join(dir, "app.log"), "a line\n");
    const { code, out } = await cli("simulate", join(dir, "rotor.yaml"), "--for", "1m", "--start", "2026-11-25T22:59:50Z");
    expect(code).toBe(0);
    // postrotate runs before the rotation is reported done; $1 (and $2 after a rotation) name the real paths.
    expect(out.slice(1)).toEqual([
      `2026-11-25 23:00:20  would run script: touch ${markers}/pre ${dir}/app.log`,
      `2026-11-25 23:00:20  would run script: touch ${markers}/post ${dir}/app.log ${dir}/app.log.1`,
      `2026-11-25 23:00:20  app  rotated ${dir}/app.log  (every 30s)`,
      "1 rotation, 0 errors",
    ]);
    expect(readdirSync(markers)).toEqual([]);
  });
});

describe("rotor simulate's options", () => {
  it("names --for in the message for a bad duration, and the command whose usage to read", async () => {
    const dir = scratch(SEED);
    const { code, err } = await cli("simulate", join(dir, "rotor.yaml"), "--for", "3x");
    expect(code).toBe(2);
    expect(err).toEqual([
      "rotor: Expected `--for` to be a duration such as `30s`, got `3x` (string); write a number followed by a unit (ms, s, m, h, d, w), such as `30s`, `15m` or `1h30m`",
      "(run `rotor simulate --help` for usage)",
    ]);
  });
});

describe("rotor simulate with a logrotate config", () => {
  it("notes each log's first sight at start, so the first boundary of its period rotates it, as logrotate run daily does", async () => {
    const dir = scratch("");
    const conf = join(dir, "logrotate.conf");
    writeFileSync(conf, `${dir}/weekly.log {\n  weekly\n  rotate 4\n}\n${dir}/monthly.log {\n  monthly\n  rotate 4\n}\n`, { mode: 0o644 });
    for (const name of ["weekly.log", "monthly.log"]) writeFileSync(join(dir, name), "a line\n");
    // Wednesday 25 November: logrotate, first run that day, records both logs; the next
    // Sunday is a new week for it, and 1 December a new month.
    const { code, out } = await cli("simulate", conf, "--for", "14d", "--start", "2026-11-25T10:00:00Z", "--grow", "1k");
    expect(code).toBe(0);
    expect(out.filter((line) => line.includes(" rotated ")).map((line) => line.slice(0, 19) + " " + line.split(" rotated ")[1]!.split("  ")[0]!.slice(dir.length + 1))).toEqual([
      "2026-11-29 00:00:00 weekly.log",
      "2026-12-01 00:00:00 monthly.log",
      "2026-12-06 00:00:00 weekly.log",
    ]);
  });
});

describe("rotor once with a YAML config", () => {
  it("rotates the jobs whose schedule fired since the state's last rotation, and records them", async () => {
    const dir = scratch(`jobs:\n  due: { path: due.log, every: 1h, keep: 2 }\n  fresh: { path: fresh.log, every: 1h, keep: 2 }\n`);
    writeFileSync(join(dir, "due.log"), "old\n");
    writeFileSync(join(dir, "fresh.log"), "new\n");
    const lastHour = (minutesAgo: number) => {
      const d = new Date(Date.now() - minutesAgo * 60_000);
      return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}-${d.getHours()}:${d.getMinutes()}:${d.getSeconds()}`;
    };
    writeFileSync(join(dir, "status"), `logrotate state -- version 2\n"${dir}/due.log" ${lastHour(120)}\n"${dir}/fresh.log" ${lastHour(10)}\n`);
    const { code, err } = await cli("once", join(dir, "rotor.yaml"), "--state", join(dir, "status"));
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(readFileSync(join(dir, "due.log.1"), "utf8")).toBe("old\n");
    expect(() => readFileSync(join(dir, "fresh.log.1"))).toThrow();
  });
});

describe("rotor status", () => {
  it("shows each log's last rotation, size and, with the config, its job and next rotation", async () => {
    const dir = scratch(`jobs:\n  app: { path: app.log, daily: true, timezone: UTC, keep: 2 }\n`);
    writeFileSync(join(dir, "app.log"), "12345");
    writeFileSync(join(dir, "status"), `logrotate state -- version 2\n"${dir}/app.log" 2026-11-25-0:0:0\n"${dir}/gone.log" 2026-11-24-0:0:0\n`);
    const { code, out } = await cli("status", "--state", join(dir, "status"), "--config", join(dir, "rotor.yaml"));
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^LOG +LAST ROTATED +SIZE +JOB +NEXT$/);
    expect(out[1]).toMatch(new RegExp(`^${dir}/app.log +2026-11-25 00:00:00 +5 +app +2026-11-26 00:00:00$`));
    expect(out[2]).toMatch(new RegExp(`^${dir}/gone.log +2026-11-24 00:00:00 +missing$`));
  });

  it("lists the config's logs that were never rotated, even before there is a state file", async () => {
    const dir = scratch(`jobs:\n  app: { path: "*.log", daily: true, timezone: UTC, keep: 2 }\n  big: { path: big.txt, size: 1k, keep: 2 }\n`);
    writeFileSync(join(dir, "a.log"), "123");
    writeFileSync(join(dir, "b.log"), "1234567");
    writeFileSync(join(dir, "big.txt"), "");
    const { code, out, err } = await cli("status", "--state", join(dir, "nope"), "--config", join(dir, "rotor.yaml"));
    expect(code).toBe(0);
    expect(err).toEqual([`rotor: no state file at ${join(dir, "nope")} yet: no log has been rotated with it`]);
    expect(out.slice(1).map((line) => line.split(/ {2,}/))).toEqual([
      [`${dir}/a.log`, "never", "3", "app", "2026-11-26 00:00:00"],
      [`${dir}/b.log`, "never", "7", "app", "2026-11-26 00:00:00"],
      [`${dir}/big.txt`, "never", "0", "big", "when > 1024 B"],
    ]);
  });

  it("says where the state is expected when there is none", async () => {
    const dir = scratch(SEED);
    const { code, err } = await cli("status", "--state", join(dir, "nope"));
    expect(code).toBe(1);
    expect(err).toEqual([`rotor: No state file at ${join(dir, "nope")}: nothing has been rotated with it yet (give the daemon's --state, or --config to list the jobs' logs)`]);
  });
});
