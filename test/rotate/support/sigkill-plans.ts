/**
 * The plans the SIGKILL test kills at every step (crash-sigkill.test.ts), shared with the
 * child process that runs them (rotate-child.ts): the files a plan starts from, the
 * rotation's options, and whether a writer appends a line to the live log before every step
 * (create mode, where no byte may be lost; copytruncate loses lines by design).
 */
import type { RotationOptions } from "../../../src/rotate/index.js";
import type { Files } from "./plan-harness.js";

export interface SigkillPlan {
  files: Files;
  options: RotationOptions;
  writer: boolean;
}

/** Fixed wall time of every run, so dated names are the same in every child. */
export const SIGKILL_START = Date.UTC(2026, 2, 15, 10, 0, 0);

export const SIGKILL_PLANS = {
  "create + compress + retention": {
    files: { "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" }, "app.log.2.gz": { gz: "v2\n" }, "app.log.3.gz": { gz: "v3\n" } },
    options: { keep: 3, compress: "gzip" },
    writer: true,
  },
  "create + delaycompress + retention": {
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2.gz": { gz: "v2\n" }, "app.log.3.gz": { gz: "v3\n" } },
    options: { keep: 3, compress: "gzip", delaycompress: true, scripts: { prerotate: "true", postrotate: "true" } },
    writer: true,
  },
  copytruncate: {
    files: { "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" }, "app.log.2.gz": { gz: "v2\n" } },
    options: { keep: 2, mode: "copytruncate", compress: "gzip" },
    writer: false,
  },
  "dateext + olddir": {
    files: { "app.log": "live\n", old: { dir: true }, "old/app.log-20260312.gz": { gz: "d12\n" }, "old/app.log-20260313.gz": { gz: "d13\n" }, "old/app.log-20260314.gz": { gz: "d14\n" } },
    options: { keep: 2, dateext: true, olddir: "old", compress: "gzip", timezone: "UTC" },
    writer: true,
  },
} satisfies Record<string, SigkillPlan>;

export type SigkillPlanName = keyof typeof SIGKILL_PLANS;
