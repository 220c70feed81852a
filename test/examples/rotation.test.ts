import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { VirtualClock, run, sleep, spawn } from "rotor";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatLocal, main, rotateDaily, rotateFile, type JobEnv } from "../../examples/rotation.js";

const SECOND = 1000;
const DAY = 86_400 * SECOND;
/** K of each file in the example's main(). */
const KEEP: Record<string, number> = { file1: 3, file2: 5, file3: 3, file4: 5 };

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rotor-example-test-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The rotated versions of each file now on disk: { file1: ["file1.1", …], … }. */
function versions(): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const [base, version] = name.split(".");
    if (version !== undefined) (found[base!] ??= []).push(name);
  }
  return found;
}

describe("rotation example", () => {
  it("prints each rotation with its virtual time, past midnight, and the files left", async () => {
    const lines: string[] = [];
    await main((line) => lines.push(line), { dir });
    expect(lines).toEqual([
      "from 2026-01-01 23:58:10, for 250 s:",
      "2026-01-01 23:58:30  file2 rotated (every 20 s)",
      "2026-01-01 23:58:40  file1 rotated (every 30 s)",
      "2026-01-01 23:58:50  file2 rotated (every 20 s)",
      "2026-01-01 23:59:10  file1 rotated (every 30 s)",
      "2026-01-01 23:59:10  file2 rotated (every 20 s)",
      "2026-01-01 23:59:30  file2 rotated (every 20 s)",
      "2026-01-01 23:59:40  file1 rotated (every 30 s)",
      "2026-01-01 23:59:50  file2 rotated (every 20 s)",
      "2026-01-02 00:00:00  file4 rotated (daily, at midnight)",
      // Three jobs due at once run in the order their sleeps began (equal deadlines are FIFO).
      "2026-01-02 00:00:10  file3 rotated (1200 bytes > 1024)",
      "2026-01-02 00:00:10  file1 rotated (every 30 s)",
      "2026-01-02 00:00:10  file2 rotated (every 20 s)",
      "2026-01-02 00:00:30  file2 rotated (every 20 s)",
      "2026-01-02 00:00:40  file1 rotated (every 30 s)",
      "2026-01-02 00:00:50  file2 rotated (every 20 s)",
      "2026-01-02 00:01:10  file1 rotated (every 30 s)",
      "2026-01-02 00:01:10  file2 rotated (every 20 s)",
      "2026-01-02 00:01:30  file2 rotated (every 20 s)",
      "2026-01-02 00:01:40  file1 rotated (every 30 s)",
      "2026-01-02 00:01:50  file2 rotated (every 20 s)",
      "2026-01-02 00:02:10  file3 rotated (1200 bytes > 1024)",
      "2026-01-02 00:02:10  file1 rotated (every 30 s)",
      "2026-01-02 00:02:10  file2 rotated (every 20 s)",
      "at 2026-01-02 00:02:20, the directory holds:",
      "  file1  file1.1  file1.2  file1.3",
      "  file2  file2.1  file2.2  file2.3  file2.4  file2.5",
      "  file3  file3.1  file3.2",
      "  file4  file4.1",
    ]);
  });

  it("never keeps more than K versions of a file, checked after every rotation", async () => {
    const seen: Record<string, string[]>[] = [];
    await main(() => seen.push(versions()), { dir, duration: 610 * SECOND });
    const tooMany = seen.flatMap((found) => Object.entries(found).filter(([base, names]) => names.length > KEEP[base]!));
    expect(tooMany).toEqual([]);
    // By now file1, file2 and file3 have been rotated more than K times: each is at its cap.
    expect(versions()).toEqual({
      file1: ["file1.1", "file1.2", "file1.3"],
      file2: ["file2.1", "file2.2", "file2.3", "file2.4", "file2.5"],
      file3: ["file3.1", "file3.2", "file3.3"],
      file4: ["file4.1"],
    });
  });

  it("rotates the daily file at every local midnight and keeps 5 versions", async () => {
    const file = path.join(dir, "file4");
    const clock = new VirtualClock({ autojump: true, start: new Date(2026, 0, 5, 12, 0, 0) });
    const lines: string[] = [];
    const env: JobEnv = {
      now: () => new Date(clock.wallNow()),
      rotated: (rotated) => {
        lines.push(`${formatLocal(env.now())} versions: ${(versions()["file4"] ?? []).length}`);
        fs.writeFileSync(rotated, "the application writes on\n");
      },
    };
    fs.writeFileSync(file, "day one\n");
    await run(
      function* () {
        const job = yield* spawn(rotateDaily(file, 5, env));
        yield* sleep(7 * DAY);
        job.cancel();
      },
      { clock },
    );
    expect(lines).toEqual([
      "2026-01-06 00:00:00 versions: 1",
      "2026-01-07 00:00:00 versions: 2",
      "2026-01-08 00:00:00 versions: 3",
      "2026-01-09 00:00:00 versions: 4",
      "2026-01-10 00:00:00 versions: 5",
      "2026-01-11 00:00:00 versions: 5",
      "2026-01-12 00:00:00 versions: 5",
    ]);
    // The first day's content fell off the end; file4.5 is the oldest kept.
    expect(fs.readFileSync(`${file}.5`, "utf8")).toBe("the application writes on\n");
  });
});

describe("rotateFile", () => {
  /** Creates each file with its own name as content, rotates, and reads what is where. */
  function rotateIn(existing: string[], keep: number): { rotated: boolean; files: Record<string, string> } {
    for (const name of existing) fs.writeFileSync(path.join(dir, name), name);
    const rotated = rotateFile(path.join(dir, "app.log"), keep);
    const files = Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8")]));
    return { rotated, files };
  }

  it.each([
    {
      case: "moves the file to .1 when there is no version yet",
      existing: ["app.log"],
      keep: 3,
      files: { "app.log.1": "app.log" },
    },
    {
      case: "shifts every version up by one",
      existing: ["app.log", "app.log.1", "app.log.2"],
      keep: 3,
      files: { "app.log.1": "app.log", "app.log.2": "app.log.1", "app.log.3": "app.log.2" },
    },
    {
      case: "drops the oldest version once K are kept",
      existing: ["app.log", "app.log.1", "app.log.2", "app.log.3"],
      keep: 3,
      files: { "app.log.1": "app.log", "app.log.2": "app.log.1", "app.log.3": "app.log.2" },
    },
    {
      case: "replaces .1 when K is 1",
      existing: ["app.log", "app.log.1"],
      keep: 1,
      files: { "app.log.1": "app.log" },
    },
  ])("$case", ({ existing, keep, files }) => {
    expect(rotateIn(existing, keep)).toEqual({ rotated: true, files });
  });

  it("does nothing when the file does not exist", () => {
    expect(rotateIn(["app.log.1"], 3)).toEqual({ rotated: false, files: { "app.log.1": "app.log.1" } });
  });
});
