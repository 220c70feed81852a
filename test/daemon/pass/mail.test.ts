/**
 * mailSteps on hand-made plans (pure): where the mail steps go among a rotation's steps, what
 * each mails with which subject, and which file a failure keeps. The behaviour itself is
 * checked against logrotate in test/cli/rotor-logrotate-mail.test.ts.
 */
import { describe, expect, it } from "vitest";
import { defaultSettings, type LogSettings } from "../../../src/config/index.js";
import { mailSteps } from "../../../src/daemon/pass/index.js";
import type { Rotation, Step } from "../../../src/rotate/index.js";

const LOG = "/l/app.log";
const del = (path: string): Step => ({ kind: "delete", path, shred: false, shredcycles: null, why: "test" });
const pre = (path: string): Step => ({ kind: "script", stage: "preremove", script: "echo", args: [path] });
const rename = (from: string, to: string): Step => ({ kind: "rename", from, to });
const gzip = (from: string): Step => ({ kind: "compress", from, to: `${from}.gz`, method: "gzip", level: null });

function plan(before: Step[], after: Step[]): Rotation {
  return { log: LOG, rotate: true, before, during: [rename(LOG, `${LOG}.1`)], after, rotated: `${LOG}.1`, newest: `${LOG}.1.gz`, dirs: [] };
}

function settings(changes: Partial<LogSettings>): LogSettings {
  return { ...defaultSettings(), mail: "me@x", ...changes };
}

/** Each step in short: `mail STAGE keep=K file=F subject=S [uncompress]`, or the step's kind and path. */
function show(steps: Step[]): string[] {
  return steps.map((step) => {
    if (step.kind === "script" && step.args.length === 6) {
      const [keep, file, subject, , , uncompress] = step.args;
      return `mail ${step.stage} keep=${keep} file=${file} subject=${subject}${uncompress ? ` via ${uncompress}` : ""}`;
    }
    if (step.kind === "script") return `${step.stage} ${step.args[0]}`;
    if (step.kind === "rename") return `rename ${step.from} ${step.to}`;
    return `${step.kind} ${step.kind === "delete" ? step.path : step.kind === "compress" ? step.from : ""}`;
  });
}

const compressed = plan([rename(`${LOG}.1.gz`, `${LOG}.2.gz`), rename(`${LOG}.2.gz`, `${LOG}.3.gz`)], [gzip(`${LOG}.1`), pre(`${LOG}.1`), del(`${LOG}.1`), pre(`${LOG}.3.gz`), del(`${LOG}.3.gz`)]);

describe("mailSteps", () => {
  it("adds nothing to a block without mail", () => {
    expect(mailSteps({ ...defaultSettings() }, "/bin/mail")).toBeUndefined();
  });

  it("mails the disposed version uncompressed before its preremove, not the file a compression replaced (maillast)", () => {
    const after = mailSteps(settings({ compress: "gzip" }), "/bin/mail")!(compressed).after;
    expect(show(after)).toEqual([
      `compress ${LOG}.1`,
      `preremove ${LOG}.1`,
      `delete ${LOG}.1`,
      `mail preremove keep=${LOG}.3.gz file=${LOG}.3.gz subject=${LOG}.3.gz via /bin/gunzip`,
      `preremove ${LOG}.3.gz`,
      `delete ${LOG}.3.gz`,
    ]);
  });

  it("mails the newest version with the log as subject, keeping the disposed one if that fails (mailfirst)", () => {
    const after = mailSteps(settings({ compress: "gzip", mailfirst: true, uncompresscmd: "/bin/zcat" }), "/bin/mail")!(compressed).after;
    expect(show(after)[3]).toBe(`mail preremove keep=${LOG}.3.gz file=${LOG}.1.gz subject=${LOG} via /bin/zcat`);
    expect(after.filter((step) => step.kind === "script" && step.args.length === 6)).toHaveLength(1);
  });

  it("mails the newest version at the end when nothing is removed (mailfirst)", () => {
    const after = mailSteps(settings({ mailfirst: true }), "/bin/mail")!(plan([], [])).after;
    expect(show(after)).toEqual([`mail preremove keep=${LOG}.1 file=${LOG}.1 subject=${LOG}.1`]);
  });

  it("mails an early removal in the prerotate stage, so that a failure stops the rotation, and skips a stray overwritten", () => {
    const before = [del(`${LOG}-20260310`), del(`${LOG}.2`), rename(`${LOG}.1`, `${LOG}.2`)];
    expect(show(mailSteps(settings({ mailfirst: true }), "/bin/mail")!(plan(before, [])).before)).toEqual([
      `mail prerotate keep=${LOG}-20260310 file=${LOG}-20260310 subject=${LOG}-20260310`,
      `delete ${LOG}-20260310`,
      `delete ${LOG}.2`,
      `rename ${LOG}.1 ${LOG}.2`,
    ]);
  });
});
