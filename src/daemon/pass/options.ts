/**
 * rotateOptionsFor: a block's resolved LogSettings (the config model) as the rotation
 * engine's RotateFileOptions. The two layers name the same concepts the same way, but
 * config may not import the engine's types (DESIGN.md), so the mapping lives here, where
 * both are known.
 *
 * What is left out on purpose: `minsize`/`maxsize`/`size`/frequency (the pass decides
 * whether a log is due, with logrotate's rules, see due.ts), `schedule`/`check` (the
 * daemon's triggers decide when a YAML job is due), and firstaction/lastaction (once per
 * block, run by the pass, not once per log).
 */
import type { LogSettings } from "../../config/index.js";
import type { RotateFileOptions } from "../../rotate/index.js";

/**
 * The engine's options for a log of a block with these settings.
 *
 * @example
 * const report = yield* rotation("/var/log/app.log", { ...rotateOptionsFor(entry.settings), fs });
 */
export function rotateOptionsFor(s: LogSettings): RotateFileOptions {
  const compress = s.compress === false ? false : s.compress === "gzip" || s.compress === "zstd" ? s.compress : { command: s.compress.command, args: [...s.compress.args], ext: s.compress.ext };
  // logrotate's default dateformat gains the hour with `hourly` (rule 12).
  const dateformat = s.dateformat ?? (s.frequency.unit === "hourly" ? "-%Y%m%d%H" : undefined);
  const createolddir = s.createolddir === false ? false : { mode: s.createolddir.mode ?? undefined, owner: s.createolddir.owner ?? undefined, group: s.createolddir.group ?? undefined };
  return {
    keep: s.keep,
    start: s.start,
    mode: s.mode,
    createMode: s.mode === "create" || s.mode === "renamecopy" ? (s.createMode ?? undefined) : undefined,
    owner: s.owner ?? undefined,
    group: s.group ?? undefined,
    dateext: s.dateext,
    dateformat,
    dateyesterday: s.dateyesterday,
    timezone: s.timezone ?? undefined,
    datehourago: s.datehourago,
    extension: s.extension ?? undefined,
    addextension: s.addextension ?? undefined,
    olddir: s.olddir ?? undefined,
    createolddir,
    compress,
    compressext: s.compressext ?? undefined,
    compressLevel: s.compressLevel ?? undefined,
    delaycompress: s.delaycompress,
    maxage: s.maxage > 0 ? s.maxage : undefined,
    maxTotalSize: s.maxTotalSize > 0 ? s.maxTotalSize : undefined,
    missingok: s.missingok,
    ifempty: s.ifempty,
    allowhardlink: s.allowhardlink,
    su: s.su ?? undefined,
    scripts: { prerotate: s.scripts.prerotate, postrotate: s.scripts.postrotate, preremove: s.scripts.preremove },
    shred: s.shred,
    shredcycles: s.shredcycles ?? undefined,
  };
}
