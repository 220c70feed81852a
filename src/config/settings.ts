/**
 * logrotate's defaults, copying settings into a block, and deriving the engine-facing
 * fields (`mode`, `compress`) from logrotate's independent flags.
 */
import type { LogSettings, RotationMode } from "./model.js";

/** logrotate 3.21's compiled-in compressor (`logrotate --version`). */
export const DEFAULT_COMPRESS_COMMAND = "/bin/gzip";
/** logrotate's threshold when no frequency is given: `rotating pattern: … 1048576 bytes`. */
export const DEFAULT_SIZE = 1024 * 1024;

/**
 * The settings a log has when no directive changes them (logrotate 3.21's defaults).
 *
 * @example
 * defaultSettings().keep; // 0: without `rotate`, the rotated log is deleted
 */
export function defaultSettings(): LogSettings {
  return {
    keep: 0,
    start: 1,
    mode: "nocreate",
    create: false,
    copy: false,
    copytruncate: false,
    renamecopy: false,
    createMode: null,
    owner: null,
    group: null,
    dateext: false,
    dateformat: null,
    dateyesterday: false,
    datehourago: false,
    extension: null,
    addextension: null,
    olddir: null,
    createolddir: false,
    compress: false,
    compressFlag: false,
    compresscmd: null,
    compressoptions: null,
    compressext: null,
    uncompresscmd: null,
    delaycompress: false,
    maxage: 0,
    minage: 0,
    missingok: false,
    ifempty: true,
    minsize: 0,
    maxsize: 0,
    size: DEFAULT_SIZE,
    frequency: { unit: "none" },
    schedule: null,
    check: null,
    timezone: null,
    maxTotalSize: 0,
    compressLevel: null,
    allowhardlink: false,
    su: null,
    scripts: {},
    sharedscripts: false,
    shred: false,
    shredcycles: null,
    ignoreduplicates: false,
    mail: null,
    mailfirst: false,
    origins: {},
  };
}

/**
 * A deep copy: a block starts from a copy of the globals, and later global directives must
 * not reach blocks already read (logrotate copies its defaults into each new block).
 *
 * @example
 * const block = copySettings(globals);
 */
export function copySettings(settings: LogSettings): LogSettings {
  return structuredClone(settings);
}

function modeOf(s: LogSettings): RotationMode {
  // logrotate checks copytruncate before copy, and `copytruncate`/`renamecopy` clear each
  // other when given; `create` has no effect with the copy modes (behaviour doc 07i).
  if (s.copytruncate) return "copytruncate";
  if (s.copy) return "copy";
  if (s.renamecopy) return "renamecopy";
  return s.create ? "create" : "nocreate";
}

/**
 * Recomputes the derived fields after directives changed the raw flags.
 *
 * @example
 * const s = defaultSettings();
 * s.compressFlag = true;
 * finishSettings(s).compress; // "gzip"
 */
export function finishSettings(s: LogSettings): LogSettings {
  s.mode = modeOf(s);
  if (!s.compressFlag) {
    s.compress = false;
  } else if (s.compresscmd === null && s.compressoptions === null && (s.compressext === null || s.compressext === ".gz")) {
    s.compress = "gzip";
  } else {
    s.compress = { command: s.compresscmd ?? DEFAULT_COMPRESS_COMMAND, args: [...(s.compressoptions ?? [])], ext: s.compressext ?? ".gz" };
  }
  return s;
}
