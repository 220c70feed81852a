/**
 * Every directive of logrotate 3.21, in one typed table: name → how its argument is read,
 * what it changes in the settings, and a one-line description (help and docs are generated
 * from it). The parser looks a keyword up here and nowhere else.
 *
 * Kinds: `flag` takes no argument (the rest of its line is read as more directives, as
 * logrotate does); `value` reads the rest of the line after blanks and an optional `=`;
 * `line` reads the rest of the line as is, possibly empty (create, createolddir, su,
 * weekly); `script` reads up to `endscript`; `include` and `taboo` change what is read
 * rather than a log's settings.
 */
import type { LogSettings, Scripts, SettingName } from "../model.js";
import { address, compressOptions, count, ownerSpec, path, size, suSpec, text, weekday, type ArgContext, type ArgParser, type Effect, type Outcome } from "./arguments.js";

export type Apply = (s: LogSettings) => void;

export type Directive =
  | { kind: "flag"; description: string; sets: SettingName[]; apply: Apply }
  | {
      kind: "value" | "line";
      description: string;
      sets: SettingName[];
      /** logrotate's name for the argument in "argument expected after …". */
      label: string;
      /** What a missing value does (default "block"); `parse` sees "" when it is "parse". */
      missing?: Effect | "parse";
      parse: (text: string, ctx: ArgContext) => Outcome<Apply>;
    }
  | { kind: "script"; description: string; script: keyof Scripts }
  | { kind: "include"; description: string; label: string }
  | { kind: "taboo"; description: string; label: string; pattern: (item: string) => string }
  | { kind: "deprecated"; description: string };

function flag(description: string, sets: SettingName[], apply: Apply): Directive {
  return { kind: "flag", description, sets, apply };
}

function setter<K extends SettingName>(key: K, value: LogSettings[K]): Apply {
  return (s) => {
    s[key] = value;
  };
}

function value<T>(description: string, sets: SettingName[], label: string, parser: ArgParser<T>, apply: (s: LogSettings, v: T) => void, options: { kind?: "line"; missing?: Effect | "parse" } = {}): Directive {
  return {
    kind: options.kind ?? "value",
    description,
    sets,
    label,
    missing: options.missing,
    parse(raw, ctx) {
      const result = parser(raw, ctx);
      return result.ok ? { ok: true, value: (s: LogSettings) => apply(s, result.value) } : result;
    },
  };
}

/** xz → .xz: `compresscmd` sets the extension for the compressors logrotate knows by name. */
const KNOWN_EXTENSIONS: Record<string, string> = { gzip: ".gz", bzip2: ".bz2", xz: ".xz", zstd: ".zst", compress: ".Z" };

const onOff = (name: SettingName & keyof LogSettings, on: string, off: string): Record<string, Directive> => ({
  [name]: flag(on, [name], setter(name, true as never)),
  [`no${name}`]: flag(off, [name], setter(name, false as never)),
});

export const DIRECTIVES: Readonly<Record<string, Directive>> = {
  // Rotation
  rotate: value("Versions to keep; 0 deletes the rotated log, -1 keeps all.", ["keep"], "rotate count", count("rotate", "rotation count", -1, "rotate 4"), (s, n) => (s.keep = n)),
  start: value("The number of the newest numbered version (default 1).", ["start"], "start count", count("start", "start count", 0, "start 1"), (s, n) => (s.start = n)),
  olddir: value("Move versions into this directory (relative to the log's).", ["olddir"], "olddir", path("olddir", "olddir"), (s, p) => (s.olddir = p)),
  noolddir: flag("Keep versions next to the log.", ["olddir"], setter("olddir", null)),
  su: value("Rotate as this user and group.", ["su"], "su", suSpec, (s, su) => (s.su = su), { kind: "line" }),
  // Frequency
  hourly: flag("Rotate every hour.", ["frequency"], setter("frequency", { unit: "hourly" })),
  daily: flag("Rotate every day.", ["frequency"], setter("frequency", { unit: "daily" })),
  weekly: value("Rotate on this weekday (0 = Sunday, 7 = every 7 days).", ["frequency"], "weekly", weekday, (s, day) => (s.frequency = { unit: "weekly", weekday: day }), { kind: "line" }),
  monthly: flag("Rotate the first time in a month.", ["frequency"], setter("frequency", { unit: "monthly" })),
  yearly: flag("Rotate the first time in a year.", ["frequency"], setter("frequency", { unit: "yearly" })),
  size: value("Rotate when larger than this, whatever the time.", ["size", "frequency"], "size", size("size"), (s, n) => ((s.size = n), (s.frequency = { unit: "none" })), { missing: "warning" }),
  // File selection
  ...onOff("missingok", "A missing log is no error.", "A missing log is an error (default)."),
  ignoreduplicates: flag("A log named again later is ignored instead of an error.", ["ignoreduplicates"], setter("ignoreduplicates", true)),
  ifempty: flag("Rotate empty logs too (default).", ["ifempty"], setter("ifempty", true)),
  notifempty: flag("Do not rotate empty logs.", ["ifempty"], setter("ifempty", false)),
  minage: value("Do not rotate logs younger than this many days.", ["minage"], "minage count", count("minage", "minimum age", 0, "minage 2"), (s, n) => (s.minage = n)),
  maxage: value("Delete versions older than this many days.", ["maxage"], "maxage count", count("maxage", "maximum age", 0, "maxage 30"), (s, n) => (s.maxage = n)),
  minsize: value("Rotate only logs at least this large, when due by time.", ["minsize"], "minsize", size("minsize"), (s, n) => (s.minsize = n), { missing: "warning" }),
  maxsize: value("Rotate logs larger than this even before they are due.", ["maxsize"], "maxsize", size("maxsize"), (s, n) => (s.maxsize = n), { missing: "warning" }),
  tabooext: { kind: "taboo", description: "Set (or with +, extend) the file endings `include` skips.", label: "tabooext", pattern: (item) => `*${item}` },
  taboopat: { kind: "taboo", description: "Set (or with +, extend) the name patterns `include` skips.", label: "taboopat", pattern: (item) => item },
  // Files and folders
  create: value("Create a fresh log after rotating: [mode] [owner [group]].", ["create", "createMode", "owner", "group"], "create", ownerSpec("create"), (s, spec) => {
    s.create = true;
    if (spec.mode !== null) s.createMode = spec.mode;
    if (spec.owner !== null) s.owner = spec.owner;
    if (spec.group !== null) s.group = spec.group;
  }, { kind: "line" }),
  nocreate: flag("Do not create a fresh log.", ["create"], setter("create", false)),
  createolddir: value("Create a missing olddir: [mode] [owner [group]].", ["createolddir"], "createolddir", ownerSpec("createolddir"), (s, spec) => {
    const before = s.createolddir || { mode: null, owner: null, group: null };
    s.createolddir = { mode: spec.mode ?? before.mode, owner: spec.owner ?? before.owner, group: spec.group ?? before.group };
  }, { kind: "line" }),
  nocreateolddir: flag("Do not create a missing olddir.", ["createolddir"], setter("createolddir", false)),
  ...onOff("copy", "Copy the log and leave it as it is.", "Do not copy the log."),
  copytruncate: flag("Copy the log, then truncate it in place.", ["copytruncate", "renamecopy"], (s) => ((s.copytruncate = true), (s.renamecopy = false))),
  nocopytruncate: flag("Do not copy and truncate.", ["copytruncate"], setter("copytruncate", false)),
  renamecopy: flag("Rename the log to .tmp, run postrotate, then copy it to its version.", ["renamecopy", "copytruncate"], (s) => ((s.renamecopy = true), (s.copytruncate = false))),
  norenamecopy: flag("Do not rename and copy.", ["renamecopy"], setter("renamecopy", false)),
  ...onOff("shred", "Delete versions with shred -u.", "Delete versions with unlink (default)."),
  shredcycles: value("Overwrite this many times when shredding.", ["shredcycles"], "shred cycles", count("shredcycles", "shred cycles", 0, "shredcycles 3"), (s, n) => (s.shredcycles = n)),
  ...onOff("allowhardlink", "Rotate logs with several hard links.", "Skip logs with several hard links (default)."),
  // Compression
  compress: flag("Compress versions (gzip unless compresscmd says otherwise).", ["compressFlag"], setter("compressFlag", true)),
  nocompress: flag("Do not compress versions.", ["compressFlag"], setter("compressFlag", false)),
  compresscmd: value("The compressor to run.", ["compresscmd", "compressext"], "compress", path("compresscmd", "compress"), (s, cmd) => {
    s.compresscmd = cmd;
    const known = KNOWN_EXTENSIONS[cmd.slice(cmd.lastIndexOf("/") + 1)];
    if (known !== undefined) s.compressext = known;
  }),
  uncompresscmd: value("The decompressor (for mail).", ["uncompresscmd"], "uncompress", path("uncompresscmd", "uncompress"), (s, cmd) => (s.uncompresscmd = cmd)),
  compressext: value("The extension of compressed versions.", ["compressext"], "compress-ext", path("compressext", "compress-ext"), (s, ext) => (s.compressext = ext)),
  compressoptions: value("Options for the compressor.", ["compressoptions"], "compressoptions", compressOptions, (s, args) => (s.compressoptions = args), { missing: "parse" }),
  ...onOff("delaycompress", "Compress a version only at the next rotation.", "Compress versions at once (default)."),
  // Filenames
  extension: value("Keep this extension last: app.log → app.1.log.", ["extension"], "extension name", text, (s, ext) => (s.extension = ext)),
  addextension: value("Add this extension to versions: app → app.1.log.", ["addextension"], "addextension name", text, (s, ext) => (s.addextension = ext)),
  ...onOff("dateext", "Name versions by date instead of number.", "Name versions by number (default)."),
  dateformat: value("strftime format of the date suffix (%Y %m %d %H %M %S %V %s).", ["dateformat"], "dateformat", text, (s, f) => (s.dateformat = f), { missing: "warning" }),
  dateyesterday: flag("Date versions with yesterday's date.", ["dateyesterday"], setter("dateyesterday", true)),
  datehourago: flag("Date versions with the time an hour ago.", ["datehourago"], setter("datehourago", true)),
  // Mail
  mail: value("Mail versions about to be deleted to this address.", ["mail"], "mail", address, (s, a) => (s.mail = a)),
  nomail: flag("Do not mail versions (default).", ["mail"], setter("mail", null)),
  mailfirst: flag("Mail the version just rotated instead of the one expiring.", ["mailfirst"], setter("mailfirst", true)),
  maillast: flag("Mail the version about to expire (default).", ["mailfirst"], setter("mailfirst", false)),
  // Additional config files
  include: { kind: "include", description: "Read a file, or the files of a directory in order, here.", label: "include" },
  // Scripts
  ...onOff("sharedscripts", "Run pre/postrotate once per block, not once per log.", "Run pre/postrotate once per log (default)."),
  firstaction: { kind: "script", description: "Script run once before the block's logs rotate.", script: "firstaction" },
  lastaction: { kind: "script", description: "Script run once after the block's logs rotated.", script: "lastaction" },
  prerotate: { kind: "script", description: "Script run before each log (or once, shared) rotates.", script: "prerotate" },
  postrotate: { kind: "script", description: "Script run after each log (or once, shared) rotated.", script: "postrotate" },
  preremove: { kind: "script", description: "Script run before each version is deleted.", script: "preremove" },
  errors: { kind: "deprecated", description: "Deprecated and ignored (logrotate warns)." },
};

/**
 * The directive called `name`, if logrotate 3.21 has one. Names are case-sensitive.
 *
 * @example
 * lookupDirective("rotate")?.kind; // "value"
 */
export function lookupDirective(name: string): Directive | undefined {
  return Object.hasOwn(DIRECTIVES, name) ? DIRECTIVES[name] : undefined;
}
