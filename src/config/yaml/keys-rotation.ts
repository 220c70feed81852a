/**
 * The keys that say how a job rotates: the rotation engine's options, under the engine's
 * own names (src/rotate/policy.ts `RotationOptions`), stored into LogSettings. Where the
 * model also keeps logrotate's raw flags (`create`, `copy`, `compressFlag`, …), they are set
 * to match, so that both views of a YAML job agree (see the invariant in model.ts).
 */
import { Type } from "@sinclair/typebox";
import type { CompressCommand, LogSettings, RotationMode } from "../model.js";
import { defineKey, flagKey, sizeKey, type JobKey } from "./key.js";
import { parseOctalMode } from "./units.js";

const MODES: RotationMode[] = ["create", "nocreate", "copytruncate", "copy", "renamecopy"];
const account = Type.Union([Type.String({ minLength: 1 }), Type.Integer({ minimum: 0 })]);
const octal = Type.Union([Type.String({ pattern: "^0?o?[0-7]{1,4}$" }), Type.Integer({ minimum: 0 })]);
const extension = (description: string) => Type.String({ pattern: "^[^/]*$", description });

function setMode(s: LogSettings, mode: RotationMode): void {
  s.mode = mode;
  s.create = mode === "create";
  s.copy = mode === "copy";
  s.copytruncate = mode === "copytruncate";
  s.renamecopy = mode === "renamecopy";
}

type Compress = "gzip" | "zstd" | boolean | { command: string; args?: string[]; ext: string };

function setCompress(s: LogSettings, v: Compress): void {
  s.compressFlag = v !== false;
  s.compresscmd = null;
  s.compressoptions = null;
  if (v === false) s.compress = false;
  else if (v === true || v === "gzip") s.compress = "gzip";
  else if (v === "zstd") {
    s.compress = "zstd";
    s.compresscmd = "zstd";
  } else {
    const command: CompressCommand = { command: v.command, args: [...(v.args ?? [])], ext: v.ext };
    s.compress = command;
    s.compresscmd = command.command;
    s.compressoptions = command.args;
    s.compressext = command.ext;
  }
}

function setScript(name: "prerotate" | "postrotate" | "firstaction" | "lastaction" | "preremove", when: string): JobKey {
  return defineKey(name, {
    group: "scripts",
    schema: Type.String({ description: `shell script run ${when}` }),
    expects: "a string (a shell script)",
    example: `${name}: "systemctl reload app"`,
    apply: (s, v: string) => {
      s.scripts[name] = v;
    },
  });
}

/** How a job rotates. */
export const ROTATION_KEYS: JobKey[] = [
  defineKey("keep", {
    group: "keep",
    schema: Type.Integer({ minimum: -1, description: "versions to keep: 0 deletes the rotated log, -1 keeps all (required, in the job or in defaults)" }),
    expects: "an integer >= -1",
    example: "keep: 5",
    apply: (s, v: number) => {
      s.keep = v;
    },
  }),
  defineKey("maxage", {
    group: "keep",
    schema: Type.Integer({ minimum: 0, description: "delete versions older than this many days (0 = off)" }),
    expects: "an integer >= 0 (days)",
    example: "maxage: 30",
    apply: (s, v: number) => {
      s.maxage = v;
    },
  }),
  sizeKey("maxTotalSize", "maxTotalSize", "keep", "delete the oldest versions while all versions together are bigger than this"),
  defineKey("start", {
    group: "names",
    schema: Type.Integer({ minimum: 0, description: "number of the newest numbered version (default 1)" }),
    expects: "an integer >= 0",
    example: "start: 0",
    apply: (s, v: number) => {
      s.start = v;
    },
  }),
  flagKey("dateext", "names", "name versions by date instead of by number"),
  defineKey("dateformat", {
    group: "names",
    schema: Type.String({ minLength: 1, description: 'strftime-style date part of dated names (default "-%Y%m%d"); %Y %m %d %H %M %S %V %s' }),
    expects: "a date format using only %Y %m %d %H %M %S %V %s (and %%)",
    example: 'dateformat: "-%Y%m%d-%H%M%S"',
    // The engine's set (src/rotate/date-format.ts); checked here too so that a YAML config fails at load, not at the first rotation.
    convert: (v) => (/^(?:[^%]|%[YmdHMSVs%])*$/.test(v) ? v : undefined),
    apply: (s, v: string) => {
      s.dateformat = v;
    },
  }),
  flagKey("dateyesterday", "names", "date a version after yesterday (for rotation just after midnight)"),
  flagKey("datehourago", "names", "date a version after an hour ago (for hourly rotation)"),
  defineKey("extension", {
    group: "names",
    schema: extension("keep this extension last: app.log → app.1.log"),
    expects: "a file extension without `/`",
    example: "extension: .log",
    apply: (s, v: string) => {
      s.extension = v;
    },
  }),
  defineKey("addextension", {
    group: "names",
    schema: extension("give versions this final extension: app → app.1.log"),
    expects: "a file extension without `/`",
    example: "addextension: .log",
    apply: (s, v: string) => {
      s.addextension = v;
    },
  }),
  defineKey("olddir", {
    group: "names",
    schema: Type.String({ minLength: 1, description: "directory for the versions, absolute or relative to the log's directory" }),
    expects: "a directory path",
    example: "olddir: /var/log/old",
    apply: (s, v: string) => {
      s.olddir = v;
    },
  }),
  defineKey("createolddir", {
    group: "names",
    schema: Type.Union([Type.Boolean(), Type.Object({ mode: Type.Optional(octal), owner: Type.Optional(account), group: Type.Optional(account) }, { additionalProperties: false })], {
      description: 'create olddir when missing: true (mode 0755), or { mode: "0750", owner, group }',
    }),
    expects: "true, false or a map { mode, owner, group }",
    example: 'createolddir: { mode: "0750", owner: root, group: adm }',
    convert: (v) => {
      if (typeof v === "boolean") return v ? { mode: null, owner: null, group: null } : false;
      const mode = v.mode === undefined ? null : parseOctalMode(String(v.mode));
      if (mode === undefined) return undefined;
      return { mode, owner: v.owner === undefined ? null : String(v.owner), group: v.group === undefined ? null : String(v.group) };
    },
    apply: (s, v: LogSettings["createolddir"]) => {
      s.createolddir = v;
    },
  }),
  defineKey("compress", {
    group: "compression",
    schema: Type.Union([Type.Literal("gzip"), Type.Literal("zstd"), Type.Boolean(), Type.Object({ command: Type.String({ minLength: 1 }), args: Type.Optional(Type.Array(Type.String())), ext: Type.String({ pattern: "^[^/]+$" }) }, { additionalProperties: false })], {
      description: 'compress versions: gzip, zstd, true (gzip), false, or an external command { command: xz, args: ["-9"], ext: .xz }',
    }),
    expects: "`gzip`, `zstd`, true, false, or a map { command, args, ext }",
    example: "compress: gzip",
    apply: setCompress,
  }),
  defineKey("compressext", {
    group: "compression",
    schema: extension("extension of compressed versions, when not the compressor's own"),
    expects: "a file extension without `/`",
    example: "compressext: .gz",
    apply: (s, v: string) => {
      s.compressext = v;
    },
  }),
  defineKey("compressLevel", {
    group: "compression",
    schema: Type.Integer({ minimum: 0, maximum: 22, description: "compression level: gzip 0-9, zstd 1-22; default the compressor's" }),
    expects: "an integer from 0 to 22",
    example: "compressLevel: 6",
    apply: (s, v: number) => {
      s.compressLevel = v;
    },
  }),
  flagKey("delaycompress", "compression", "leave the newest version uncompressed until the next rotation"),
  defineKey("mode", {
    group: "files",
    schema: Type.Union(MODES.map((m) => Type.Literal(m)), { description: "create (default): rename, then create a fresh log; nocreate; copytruncate; copy; renamecopy" }),
    expects: `one of ${MODES.map((m) => `\`${m}\``).join(", ")}`,
    example: "mode: copytruncate",
    apply: setMode,
  }),
  defineKey("createMode", {
    group: "files",
    schema: Type.Union([octal], { description: 'permission bits of the fresh log in create mode, octal as chmod writes them: "0640"' }),
    expects: 'an octal file mode such as "0640"',
    example: 'createMode: "0640"',
    convert: (v, source) => parseOctalMode(typeof v === "number" ? (source ?? String(v)) : v),
    apply: (s, v: number) => {
      s.createMode = v;
    },
  }),
  defineKey("owner", {
    group: "files",
    schema: Type.Union([account], { description: "owner of the fresh log (name or uid); default the old log's" }),
    expects: "a user name or uid",
    example: "owner: www-data",
    apply: (s, v: string | number) => {
      s.owner = String(v);
    },
  }),
  defineKey("group", {
    group: "files",
    schema: Type.Union([account], { description: "group of the fresh log (name or gid); default the old log's" }),
    expects: "a group name or gid",
    example: "group: adm",
    apply: (s, v: string | number) => {
      s.group = String(v);
    },
  }),
  flagKey("missingok", "files", "a missing log is skipped instead of being an error"),
  flagKey("ifempty", "files", "rotate an empty log too (default true)"),
  flagKey("allowhardlink", "files", "rotate logs that have several hard links"),
  defineKey("su", {
    group: "files",
    schema: Type.Union([Type.String({ pattern: "^\\S+ \\S+$" }), Type.Object({ user: account, group: account }, { additionalProperties: false })], { description: 'user and group to rotate as: "www-data adm" or { user, group }' }),
    expects: 'a user and a group, as "user group" or { user, group }',
    example: "su: www-data adm",
    convert: (v) => {
      if (typeof v === "string") {
        const [user, group] = v.split(" ");
        return { user: user!, group: group! };
      }
      return { user: String(v.user), group: String(v.group) };
    },
    apply: (s, v: { user: string; group: string }) => {
      s.su = v;
    },
  }),
  flagKey("shred", "files", "overwrite deleted versions with `shred -u` first"),
  defineKey("shredcycles", {
    group: "files",
    schema: Type.Integer({ minimum: 1, description: "passes of shred (its -n)" }),
    expects: "an integer >= 1",
    example: "shredcycles: 3",
    apply: (s, v: number) => {
      s.shredcycles = v;
    },
  }),
  setScript("firstaction", "once before the logs of the job are rotated"),
  setScript("prerotate", "before each log is rotated (once per job with sharedscripts)"),
  setScript("postrotate", "after each log is rotated (once per job with sharedscripts)"),
  setScript("lastaction", "once after the logs of the job are rotated"),
  setScript("preremove", "before each version is deleted"),
  flagKey("sharedscripts", "scripts", "run prerotate/postrotate once for all the job's logs"),
];
