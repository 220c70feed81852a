/**
 * What to do when a log is rotated: the options a caller gives (camelCase names of
 * logrotate's directives), checked and completed with logrotate's defaults into a policy.
 */
import { checkDateFormat } from "./date-format.js";
import { invalidOption } from "./errors.js";

/** How the live log becomes the newest version. */
export type RotationMode =
  /** Rename the log, then create a fresh empty one (logrotate's `create`). */
  | "create"
  /** Rename the log and create nothing; the writer makes a new one (`nocreate`). */
  | "nocreate"
  /** Copy the log, then empty it in place: for writers that cannot reopen. Lines written between the copy and the truncation are lost. */
  | "copytruncate"
  /** Copy the log and leave it alone (a snapshot). */
  | "copy"
  /** Rename the log to `<log>.tmp`, run postrotate, then copy it to its version and remove the `.tmp`. */
  | "renamecopy";

/** An external compressor (logrotate's compresscmd/compressoptions/compressext). */
export interface CompressCommand {
  command: string;
  args?: string[];
  /** Extension of its output, with the dot (".xz"). */
  ext: string;
}

export type Compression = "gzip" | "zstd" | CompressCommand;

export interface Scripts {
  firstaction?: string;
  prerotate?: string;
  postrotate?: string;
  lastaction?: string;
  preremove?: string;
}

export interface RotationOptions {
  /** Versions to keep (logrotate's `rotate`): 0 deletes the rotated log, -1 keeps all. */
  keep: number;
  /** The number of the newest numbered version (logrotate's `start`); default 1. */
  start?: number;
  mode?: RotationMode;
  /** Permission bits of the fresh log in `create` mode; default: the old log's. */
  createMode?: number;
  /** Owner and group of the fresh log (name or id); default: the old log's. */
  owner?: string | number;
  group?: string | number;
  /** Name versions by date instead of by number. */
  dateext?: boolean;
  /** strftime-style format of the date part; default "-%Y%m%d". */
  dateformat?: string;
  /** Name a dated version after yesterday (for logs rotated just after midnight). */
  dateyesterday?: boolean;
  /** Name a dated version after an hour ago (for hourly rotation). */
  datehourago?: boolean;
  /** IANA time zone for dated names; default: the local zone. */
  timezone?: string;
  /** Keep this extension last: app.log → app.1.log rather than app.log.1. */
  extension?: string;
  /** Give versions this final extension: app → app.1.log, and app.log → app.1.log (not doubled). */
  addextension?: string;
  /** Directory for the versions, relative to the log's directory or absolute. */
  olddir?: string;
  /** Create `olddir` when missing, with this mode and owner. */
  createolddir?: boolean | { mode?: number; owner?: string | number; group?: string | number };
  compress?: false | Compression;
  /** Override the compressed extension (logrotate's `compressext`). */
  compressext?: string;
  /** gzip/zstd level. */
  compressLevel?: number;
  /** Leave the newest version uncompressed until the next rotation. */
  delaycompress?: boolean;
  /** Delete versions older than this many days. */
  maxage?: number;
  /** Beyond logrotate: delete the oldest versions while all versions together exceed this many bytes. */
  maxTotalSize?: number;
  /** A missing log is skipped instead of being an error. */
  missingok?: boolean;
  /** Rotate an empty log too (default true, as logrotate). */
  ifempty?: boolean;
  /** Rotate only logs of at least this many bytes. */
  minsize?: number;
  /** Rotate logs with several hard links (off by default since logrotate 3.19). */
  allowhardlink?: boolean;
  /** The user and group rotation runs as; allows logs in directories others can write. */
  su?: { user: string | number; group?: string | number };
  scripts?: Scripts;
  /** Overwrite deleted versions with `shred -u` first. */
  shred?: boolean;
  shredcycles?: number;
}

/** Options checked and completed: what the planner works from. */
export interface RotationPolicy {
  keep: number;
  start: number;
  mode: RotationMode;
  createMode: number | null;
  owner: string | number | null;
  group: string | number | null;
  dateext: boolean;
  dateformat: string;
  dateyesterday: boolean;
  datehourago: boolean;
  timezone: string | undefined;
  extension: string;
  addextension: string;
  olddir: string | null;
  createolddir: { mode: number; owner: string | number | null; group: string | number | null } | null;
  compress: Compression | null;
  /** The extension compressed versions carry ("" without compression). */
  compressext: string;
  compressLevel: number | null;
  delaycompress: boolean;
  maxage: number | null;
  maxTotalSize: number | null;
  missingok: boolean;
  ifempty: boolean;
  minsize: number | null;
  allowhardlink: boolean;
  su: { user: string | number; group: string | number | null } | null;
  scripts: Scripts;
  shred: boolean;
  shredcycles: number | null;
}

const MODES: readonly RotationMode[] = ["create", "nocreate", "copytruncate", "copy", "renamecopy"];

function integer(name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) throw invalidOption(name, `an integer >= ${min}`, value);
  return value;
}

function optionalNumber(name: string, value: unknown, min: number): number | null {
  if (value === undefined) return null;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) throw invalidOption(name, `a number >= ${min}`, value);
  return value;
}

function fileMode(name: string, value: unknown): number | null {
  if (value === undefined) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 0o7777) throw invalidOption(name, "a file mode such as 0o640", value);
  return value;
}

function extensionOf(compress: Compression | null): string {
  if (compress === null) return "";
  if (compress === "gzip") return ".gz";
  if (compress === "zstd") return ".zst";
  return compress.ext;
}

/**
 * Checks options and fills in logrotate's defaults. Throws a TypeError naming the option,
 * what it expected and what it got.
 *
 * @example
 * const policy = resolvePolicy({ keep: 5, compress: "gzip", delaycompress: true });
 */
export function resolvePolicy(options: RotationOptions): RotationPolicy {
  if (options === null || typeof options !== "object") throw invalidOption("options", "an object", options);
  const keep = integer("keep", options.keep, -1);
  const mode = options.mode ?? "create";
  if (!MODES.includes(mode)) throw invalidOption("mode", `one of ${MODES.join(", ")}`, mode);
  const dateformat = options.dateformat ?? "-%Y%m%d";
  checkDateFormat(dateformat);
  let compress: Compression | null = options.compress === undefined || options.compress === false ? null : options.compress;
  if (compress !== null && compress !== "gzip" && compress !== "zstd") {
    if (typeof compress !== "object" || typeof compress.command !== "string" || typeof compress.ext !== "string") {
      throw invalidOption("compress", '"gzip", "zstd", false, or { command, args, ext }', options.compress);
    }
    compress = { command: compress.command, args: [...(compress.args ?? [])], ext: compress.ext };
  }
  const extension = options.extension ?? "";
  if (extension.includes("/")) throw invalidOption("extension", "a file extension without '/'", extension);
  const addextension = options.addextension ?? "";
  if (addextension.includes("/")) throw invalidOption("addextension", "a file extension without '/'", addextension);
  const createolddir = options.createolddir;
  return {
    keep,
    start: integer("start", options.start ?? 1, 0),
    mode,
    createMode: fileMode("createMode", options.createMode),
    owner: options.owner ?? null,
    group: options.group ?? null,
    dateext: options.dateext ?? false,
    dateformat,
    dateyesterday: options.dateyesterday ?? false,
    datehourago: options.datehourago ?? false,
    timezone: options.timezone,
    extension,
    addextension,
    olddir: options.olddir ?? null,
    // DEVIATION: logrotate's `createolddir` without a mode makes the olddir 07777 (world writable,
    // setuid, setgid, sticky: docs/logrotate-behaviour.md 06f), where anyone could delete or
    // replace versions; rotor makes it 0755, here and when only an owner is given.
    createolddir:
      createolddir === undefined || createolddir === false
        ? null
        : createolddir === true
          ? { mode: 0o755, owner: null, group: null }
          : { mode: fileMode("createolddir.mode", createolddir.mode) ?? 0o755, owner: createolddir.owner ?? null, group: createolddir.group ?? null },
    compress,
    compressext: options.compressext ?? extensionOf(compress),
    compressLevel: optionalNumber("compressLevel", options.compressLevel, 0),
    delaycompress: (options.delaycompress ?? false) && compress !== null,
    maxage: optionalNumber("maxage", options.maxage, 0),
    maxTotalSize: optionalNumber("maxTotalSize", options.maxTotalSize, 0),
    missingok: options.missingok ?? false,
    ifempty: options.ifempty ?? true,
    minsize: optionalNumber("minsize", options.minsize, 0),
    allowhardlink: options.allowhardlink ?? false,
    su: options.su ? { user: options.su.user, group: options.su.group ?? null } : null,
    scripts: { ...(options.scripts ?? {}) },
    shred: options.shred ?? false,
    shredcycles: options.shredcycles === undefined ? null : integer("shredcycles", options.shredcycles, 1),
  };
}
