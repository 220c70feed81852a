/**
 * The state file rotor writes, byte for byte against the real logrotate 3.21 under faketime:
 * both start from the same state file in the same directory (so paths are equal), logrotate
 * runs its pass, and a StateStore replays what that pass did to the state — first sight of
 * every configured log in config order, a record for each log logrotate rotated — at the
 * same instant on a virtual clock. Covers escaping, dates, version 1 lines, the first-sight
 * rule, forgetting year-old entries, and logrotate's table order, with a table grown past 64
 * buckets by a state file over 1 MB (about 78, as the scratch directory's name is long).
 *
 * logrotate must be installed (CI does: `apt-get install -y logrotate faketime`); without it
 * this suite fails rather than skips. Without faketime the cases are skipped with that reason.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bucketCount, fromLocalFields, StateStore } from "../../../src/daemon/state/index.js";
import { run, VirtualClock } from "../../../src/scheduler/index.js";

const LOGROTATE = "/usr/sbin/logrotate";
const HAS_FAKETIME = spawnSync("faketime", ["2026-03-15 10:00:00", "true"]).status === 0;
const TZ = "America/New_York";
const NOW = "2026-03-15 10:20:30";
const NOW_MS = fromLocalFields({ year: 2026, month: 3, day: 15, hour: 10, minute: 20, second: 30 }, TZ);

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  force: boolean;
  /** The state file both start from; `$D` is the scratch directory. */
  state: (d: string) => string;
  /** Logs of the one config block (existing ones are created), in config order. */
  logs: (d: string) => Array<{ path: string; exists: boolean }>;
  /** The logs logrotate rotates in this pass. */
  rotated: (d: string) => string[];
  /** The case is about a table larger than logrotate's smallest. */
  bigTable?: boolean;
}

const header = "logrotate state -- version 2\n";
const oddLogs = (d: string) => [
  { path: `${d}/logs/due.log`, exists: true },
  { path: `${d}/logs/recent.log`, exists: true },
  { path: `${d}/logs/sp ace.log`, exists: true },
  { path: `${d}/logs/it's $x.log`, exists: true },
  { path: `${d}/logs/ñandú.log`, exists: true },
  { path: `${d}/logs/missing.log`, exists: false },
  { path: `${d}/logs/*.nomatch`, exists: false },
];
const oddState = (d: string) =>
  header +
  `"${d}/logs/due.log" 2026-2-10-8:0:0\n` +
  `"${d}/logs/recent.log" 2026-03-02-04:05:06\n` +
  `"${d}/gone/recent" 2025-12-1-0:0:0\n` +
  `"${d}/gone/old" 2025-3-1-0:0:0\n` +
  `"${d}/gone/new\\nline \\"quoted\\" back\\\\slash\ttab" 2026-3-1-1:2:3\n` +
  `'${d}/gone/version-1 style' 2026-1-5\n`;

const cases: Case[] = [
  {
    name: "a pass without -f: first sights at the hour, one log due, a year-old entry forgotten",
    force: false,
    state: oddState,
    logs: oddLogs,
    rotated: (d) => [`${d}/logs/due.log`],
  },
  {
    name: "a pass with -f: every existing log rotated now, missing ones seen at the hour",
    force: true,
    state: oddState,
    logs: oddLogs,
    rotated: (d) => oddLogs(d).filter((log) => log.exists).map((log) => log.path),
  },
  {
    name: "a state file over 1 MB: more than 64 buckets, non-ASCII paths hashed as unsigned bytes",
    force: false,
    state: (d) => header + Array.from({ length: 14_000 }, (_, i) => `"${d}/old/ñandú-${"x".repeat(24)}-${i}.log" 2026-3-${1 + (i % 14)}-${i % 24}:${i % 60}:0\n`).join(""),
    logs: (d) => [{ path: `${d}/logs/a.log`, exists: true }],
    rotated: () => [],
    bigTable: true,
  },
];

function scratch(c: Case): { dir: string; logs: Array<{ path: string; exists: boolean }> } {
  const dir = mkdtempSync(join(tmpdir(), "rotor-golden-"));
  dirs.push(dir);
  mkdirSync(join(dir, "logs"));
  const logs = c.logs(dir);
  for (const log of logs) if (log.exists) writeFileSync(log.path, "live\n");
  writeFileSync(join(dir, "state"), c.state(dir), { mode: 0o600 });
  copyFileSync(join(dir, "state"), join(dir, "state.rotor"));
  const quoted = logs.map((log) => `"${log.path}"`).join("\n");
  writeFileSync(join(dir, "conf"), `${quoted} {\n  monthly\n  rotate 1\n  missingok\n}\n`, { mode: 0o644 });
  return { dir, logs };
}

describe("the state file, byte for byte against logrotate 3.21", () => {
  it("needs the real logrotate", () => {
    expect(existsSync(LOGROTATE), `${LOGROTATE} is needed: apt-get install -y logrotate`).toBe(true);
  });

  it.skipIf(!HAS_FAKETIME).each(cases)("$name", async (c) => {
    const { dir, logs } = scratch(c);
    if (c.bigTable) expect(bucketCount(statSync(join(dir, "state")).size)).toBeGreaterThan(64);
    const args = [NOW, LOGROTATE, ...(c.force ? ["-f"] : []), "-s", join(dir, "state"), join(dir, "conf")];
    const logrotate = spawnSync("faketime", args, { encoding: "utf8", env: { ...process.env, TZ } });
    expect(logrotate.stderr).toBe("");
    expect(logrotate.status).toBe(0);

    const rotated = new Set(c.rotated(dir));
    await run(
      function* () {
        const store = yield* StateStore.open(join(dir, "state.rotor"), { timeZone: TZ, logs: logs.map((log) => log.path) });
        try {
          for (const log of logs) store.firstSight(log.path, NOW_MS);
          for (const log of logs) if (rotated.has(log.path)) yield* store.record(log.path, NOW_MS);
        } finally {
          yield* store.close();
        }
      },
      { clock: new VirtualClock({ autojump: true, start: NOW_MS }) },
    );
    const expected = readFileSync(join(dir, "state"), "utf8");
    const actual = readFileSync(join(dir, "state.rotor"), "utf8");
    if (actual !== expected) expect(actual.split("\n")).toEqual(expected.split("\n")); // a readable diff
    expect(actual).toBe(expected);
  });
});
