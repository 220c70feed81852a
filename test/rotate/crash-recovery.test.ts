/**
 * Crash safety on the in-memory filesystem: for every point at which a rotation can be
 * cut short, a restart that finishes the journal must end exactly where an uninterrupted
 * rotation ends (or, when the journal was not yet written, where it started), with every
 * version present once with its content and nothing left behind. The SIGKILL test on a
 * real disk is in crash-sigkill.test.ts.
 */
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { recovery, rotation, type RotateFileOptions } from "../../src/rotate/index.js";
import { VirtualClock, run } from "../../src/scheduler/index.js";
import { Crash, crashingFs } from "./support/crashing-fs.js";
import { MemoryFs } from "./support/memory-fs.js";

const START = Date.UTC(2026, 2, 15, 10, 0, 0);

interface Scenario {
  name: string;
  files: Record<string, string>;
  log: string;
  options: Omit<RotateFileOptions, "fs">;
}

const scenarios: Scenario[] = [
  {
    name: "create + compress + retention",
    files: { "/logs/app.log": "live\n", "/logs/app.log.1.gz": "one", "/logs/app.log.2.gz": "two", "/logs/app.log.3.gz": "three" },
    log: "/logs/app.log",
    options: { keep: 3, compress: "gzip" },
  },
  {
    name: "create + delaycompress",
    files: { "/logs/app.log": "live\n", "/logs/app.log.1": "one\n", "/logs/app.log.2.gz": "two" },
    log: "/logs/app.log",
    options: { keep: 4, compress: "gzip", delaycompress: true },
  },
  {
    name: "copytruncate",
    files: { "/logs/app.log": "live\n", "/logs/app.log.1": "one\n" },
    log: "/logs/app.log",
    options: { keep: 2, mode: "copytruncate" },
  },
  {
    name: "dateext + olddir (created) + compress",
    files: { "/logs/app.log": "live\n", "/logs/old/app.log-20260313.gz": "13", "/logs/old/app.log-20260314.gz": "14" },
    log: "/logs/app.log",
    options: { keep: 2, dateext: true, olddir: "old", compress: "gzip", timezone: "UTC" },
  },
];

/** The disk as a comparable snapshot: path → content (gzip files decompressed, marked). */
function snapshot(disk: MemoryFs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of disk.list("/logs")) {
    const bytes = disk.readBytes(`/logs/${path}`);
    if (bytes === undefined) continue;
    out[path] = bytes[0] === 0x1f && bytes[1] === 0x8b ? `gz:${gunzipSync(bytes).toString()}` : bytes.toString();
  }
  return out;
}

function freshDisk(scenario: Scenario, clock: VirtualClock): MemoryFs {
  const disk = new MemoryFs({ now: () => clock.now() });
  disk.mkdirs("/logs");
  for (const [path, content] of Object.entries(scenario.files)) disk.write(path, content, { mtimeMs: START - 3_600_000 });
  return disk;
}

describe("a rotation cut short at any point", () => {
  for (const scenario of scenarios) {
    it(`is finished by the next start: ${scenario.name}`, async () => {
      const cleanClock = new VirtualClock({ autojump: true, start: START });
      const clean = freshDisk(scenario, cleanClock);
      const counter = crashingFs(clean, Infinity);
      await run(rotation(scenario.log, { ...scenario.options, fs: counter }), { clock: cleanClock });
      const expected = snapshot(clean);
      const before = snapshot(freshDisk(scenario, cleanClock));
      expect(counter.changes).toBeGreaterThan(3);

      let journaledCrashes = 0;
      for (let crashAt = 0; crashAt < counter.changes; crashAt++) {
        const clock = new VirtualClock({ autojump: true, start: START });
        const disk = freshDisk(scenario, clock);
        const outcome = await run(rotation(scenario.log, { ...scenario.options, fs: crashingFs(disk, crashAt) }), { clock }).catch((e: unknown) => e);
        expect(outcome, `crash at change ${crashAt}`).toBeInstanceOf(Crash);
        const journaled = disk.list("/logs").includes(".app.log.rotor-journal");
        if (journaled) journaledCrashes++;
        await run(recovery(scenario.log, { fs: disk }), { clock });
        const after = snapshot(disk);
        const leftovers = Object.keys(after).filter((p) => /rotor-(tmp|journal)/.test(p));
        expect(leftovers, `crash at change ${crashAt}`).toEqual([]);
        // Until the journal is in place nothing has changed; once it is, the plan is finished.
        expect(after, `crash at change ${crashAt} (journal ${journaled ? "written" : "not written"})`).toEqual(journaled ? expected : before);
      }
      // Most crash points fall inside the plan, where the journal must carry it through.
      expect(journaledCrashes).toBeGreaterThan(counter.changes / 2);
    });
  }
});

describe("a copytruncate cut short, then written to before the restart", () => {
  it("loses the writer's new line only inside the copy–truncate window, never after the truncation", async () => {
    const line = "a line written after the restart, longer than what was copied\n";
    const cleanClock = new VirtualClock({ autojump: true, start: START });
    const counter = crashingFs(freshDisk(scenarios[2]!, cleanClock), Infinity);
    await run(rotation("/logs/app.log", { keep: 2, mode: "copytruncate", fs: counter }), { clock: cleanClock });

    const seen: string[] = [];
    for (let crashAt = 0; crashAt < counter.changes; crashAt++) {
      const clock = new VirtualClock({ autojump: true, start: START });
      const disk = freshDisk(scenarios[2]!, clock);
      await run(rotation("/logs/app.log", { keep: 2, mode: "copytruncate", fs: crashingFs(disk, crashAt) }), { clock }).catch(() => undefined);
      const done = (call: string): boolean => disk.calls.includes(call);
      const stage = done("truncate /logs/app.log")
        ? "truncated"
        : done("rename /logs/app.log.1.rotor-tmp -> /logs/app.log.1")
          ? "copied"
          : done("rename /logs/.app.log.rotor-journal.tmp -> /logs/.app.log.rotor-journal")
            ? "journaled"
            : "not started";
      disk.append("/logs/app.log", line);
      await run(recovery("/logs/app.log", { fs: disk }), { clock });
      const result = { live: disk.read("/logs/app.log"), copy: disk.read("/logs/app.log.1"), older: disk.read("/logs/app.log.2") };
      const expected = {
        // Nothing happened yet: the line is simply in the log, and the next rotation takes it.
        "not started": { live: `live\n${line}`, copy: "one\n", older: undefined },
        // The copy is made on recovery, with the line in it.
        journaled: { live: "", copy: `live\n${line}`, older: "one\n" },
        // The copy was whole: the line fell into the copy–truncate window, which the crash stretched.
        copied: { live: "", copy: "live\n", older: "one\n" },
        // The log was already emptied: it is not emptied again (it used to be, losing the line).
        truncated: { live: line, copy: "live\n", older: "one\n" },
      }[stage];
      expect(result, `crash at change ${crashAt} (${stage})`).toEqual(expected);
      seen.push(stage);
    }
    expect(new Set(seen)).toEqual(new Set(["not started", "journaled", "copied", "truncated"]));
  });
});
