/**
 * Real-process fault injection: for each plan (support/sigkill-plans.ts), a child process
 * (support/rotate-child.ts) rotates a real temporary directory and SIGKILLs itself just
 * before step N, for every N of the plan; a second child, as a restarted daemon would, only
 * calls recovery(). Afterwards: every version is present exactly once with its original
 * content (compressed ones decompressed), the live log is there, no *.rotor-tmp or journal is
 * left, and, in create mode, every line a writer appended before a step is found exactly
 * once. The in-memory test (crash-recovery.test.ts) cuts at every filesystem change; this one
 * proves the same with a kernel's SIGKILL, real files and fsync.
 *
 * Each child is a `node --import tsx` start (about 0.4 s); the kill points of a plan run a
 * few at a time.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupTempDirs, makeTempDir, putDiskFiles } from "./support/disk-files.js";
import { diskListing, plainContent } from "./support/listing.js";
import { SIGKILL_PLANS, type SigkillPlanName } from "./support/sigkill-plans.js";

const CHILD = fileURLToPath(new URL("./support/rotate-child.ts", import.meta.url));
const PARALLEL = 3;

afterAll(cleanupTempDirs);

interface ChildResult {
  signal: string | null;
  code: number | null;
  output: string;
}

function child(...args: string[]): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", CHILD, ...args], { cwd: process.cwd() }, (error, stdout, stderr) => {
      const failure = error as (Error & { code?: number | null; signal?: string | null }) | null;
      resolve({ signal: failure?.signal ?? null, code: failure ? (failure.code ?? null) : 0, output: stdout + stderr });
    });
  });
}

function freshLogs(plan: SigkillPlanName): string {
  const dir = join(makeTempDir("sigkill"), "logs");
  putDiskFiles(dir, { ".": { dir: true }, ...SIGKILL_PLANS[plan].files });
  return dir;
}

/** Every file under `dir`: path → content (decompressed), and the writer's lines taken out of it. */
function contents(dir: string): { files: Map<string, string>; lines: string[] } {
  const files = new Map<string, string>();
  const lines: string[] = [];
  for (const line of diskListing(dir)) {
    const name = line.split(" ")[0]!;
    if (name.endsWith("/")) continue;
    const text = plainContent(readFileSync(join(dir, name)));
    lines.push(...(text.match(/^line \d+\n/gm) ?? []));
    files.set(name, text.replace(/^line \d+\n/gm, ""));
  }
  return { files, lines };
}

/** Runs `task(i)` for i in [0, count), `PARALLEL` at a time. */
async function pool(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

describe("a rotating process killed with SIGKILL before any step", () => {
  for (const plan of Object.keys(SIGKILL_PLANS) as SigkillPlanName[]) {
    it(`is finished by a restarted process, with no version, line or byte lost: ${plan}`, async () => {
      const clean = freshLogs(plan);
      const original = contents(clean).files;
      const uninterrupted = await child("rotate", clean, plan, "-1");
      expect(uninterrupted.code, uninterrupted.output).toBe(0);
      const { steps } = JSON.parse(uninterrupted.output) as { steps: number };
      expect(steps).toBeGreaterThan(2);
      const expected = contents(clean);
      // Every original content ends up somewhere exactly once, or was disposed of by retention.
      for (const text of original.values()) expect([...expected.files.values()].filter((t) => t === text).length).toBeLessThanOrEqual(1);

      await pool(steps, async (killAt) => {
        const label = `${plan}, killed before step ${killAt} of ${steps}`;
        const dir = freshLogs(plan);
        const killed = await child("rotate", dir, plan, String(killAt));
        expect(killed.signal, `${label}: ${killed.output}`).toBe("SIGKILL");
        const restarted = await child("recover", dir);
        expect(restarted.code, `${label}: ${restarted.output}`).toBe(0);
        expect(JSON.parse(restarted.output), label).toEqual({ recovered: true });

        const names = diskListing(dir).map((line) => line.split(" ")[0]!);
        expect(names.filter((name) => /rotor-(tmp|journal)/.test(name)), `${label}: leftovers`).toEqual([]);
        expect(names, `${label}: the live log`).toContain("app.log");
        const after = contents(dir);
        // The same names holding the same versions as the uninterrupted run, modes and owners too.
        const shape = (d: string): string[] => diskListing(d).map((line) => line.split(" ").slice(0, 3).join(" "));
        expect(shape(dir), label).toEqual(shape(clean));
        expect(after.files, label).toEqual(expected.files);
        if (SIGKILL_PLANS[plan].writer) {
          // The writer appended `line 0` … `line killAt` (the last just before the kill): each exactly once.
          const written = Array.from({ length: killAt + 1 }, (_, i) => `line ${i}\n`);
          expect(after.lines.sort(), `${label}: the writer's lines`).toEqual(written.sort());
        }
      });
    }, 120_000);
  }
});
