/**
 * From YAML to the rotation engine: a job that sets every engine key, mapped by the
 * daemon's rotateOptionsFor and checked by the engine's resolvePolicy, keeps its values
 * (timezone, maxTotalSize and compressLevel included) and is accepted as it is.
 */
import { describe, expect, it } from "vitest";
import { rotateOptionsFor } from "../../../src/daemon/pass/options.js";
import { resolvePolicy } from "../../../src/rotate/index.js";
import { onlyJob } from "./support.js";

describe("rotor's YAML config: reaching the engine", () => {
  it("gives the engine every rotation key of a YAML job", () => {
    const { settings } = onlyJob(`jobs:
  app:
    path: /var/log/app.log
    daily: true
    keep: 4
    start: 0
    mode: create
    createMode: "0640"
    owner: www-data
    group: adm
    dateext: true
    dateformat: "-%Y%m%d-%H"
    timezone: Europe/Paris
    extension: .log
    olddir: old
    createolddir: { mode: "0750" }
    compress: zstd
    compressLevel: 19
    delaycompress: true
    maxage: 30
    maxTotalSize: 1G
    missingok: true
    ifempty: false
    su: www-data adm
    prerotate: echo pre
    shred: true
    shredcycles: 2
`);
    const policy = resolvePolicy(rotateOptionsFor(settings));
    expect(policy).toMatchObject({
      keep: 4,
      start: 0,
      mode: "create",
      createMode: 0o640,
      owner: "www-data",
      group: "adm",
      dateext: true,
      dateformat: "-%Y%m%d-%H",
      timezone: "Europe/Paris",
      extension: ".log",
      olddir: "old",
      createolddir: { mode: 0o750 },
      compress: "zstd",
      compressext: ".zst",
      compressLevel: 19,
      delaycompress: true,
      maxage: 30,
      maxTotalSize: 1024 ** 3,
      missingok: true,
      ifempty: false,
      su: { user: "www-data", group: "adm" },
      scripts: { prerotate: "echo pre" },
      shred: true,
      shredcycles: 2,
    });
  });

  it("gives the engine an external compressor with its arguments and extension", () => {
    const { settings } = onlyJob('jobs:\n  app: { path: /a.log, daily: true, keep: 1, compress: { command: xz, args: ["-9"], ext: .xz } }\n');
    expect(resolvePolicy(rotateOptionsFor(settings))).toMatchObject({ compress: { command: "xz", args: ["-9"], ext: ".xz" }, compressext: ".xz", compressLevel: null, maxTotalSize: null, timezone: undefined });
  });
});
