/**
 * su.ts: scripts start as root while the rotation runs as the su user, and the effective ids
 * are back to root afterwards, also when the rotation fails. Needs root (as the differential
 * tests do); elsewhere there is nothing to switch and the operations run unchanged. The switch
 * is process-wide: vitest's default `forks` pool keeps it inside this file's own process.
 */
import { describe, expect, it } from "vitest";
import { asSuUser, rootScripts } from "../../../src/daemon/pass/su.js";
import { nodeFs, type CommandOptions, type RunCommand } from "../../../src/rotate/index.js";
import { run } from "../../../src/scheduler/index.js";

const ROOT = process.geteuid?.() === 0;

describe.skipIf(!ROOT)("su as logrotate does it", () => {
  it("starts /bin/sh as root and other programs as they are", async () => {
    const calls: Array<[string, CommandOptions | undefined]> = [];
    const record: RunCommand = async (file, _args, options) => (calls.push([file, options]), { code: 0, signal: null, stderr: "" });
    const wrapped = rootScripts({ user: "daemon", group: "adm" }, record);
    await wrapped("/bin/sh", ["-c", "true"]);
    await wrapped("/bin/gzip", [], {});
    expect(calls).toEqual([
      ["/bin/sh", { uid: 0, gid: 0 }],
      ["/bin/gzip", {}],
    ]);
    expect(rootScripts(undefined, record)).toBe(record);
  });

  it("switches the effective ids for the operation, says so, and switches back even when it fails", async () => {
    const lines: string[] = [];
    const seen: number[] = [];
    const failing = run(
      asSuUser({ user: "daemon", group: "adm" }, nodeFs, (line) => lines.push(line.replace(/\(pid \d+\)/, "(pid)")), (function* () {
        seen.push(process.geteuid!(), process.getegid!());
        throw new Error("rename failed");
      })()),
    );
    await expect(failing).rejects.toThrow("rename failed");
    expect(seen).toEqual([1, 4]);
    expect([process.geteuid!(), process.getegid!()]).toEqual([0, 0]);
    expect(lines).toEqual(["switching euid from 0 to 1 and egid from 0 to 4 (pid)", "switching euid from 1 to 0 and egid from 4 to 0 (pid)"]);
  });
});
