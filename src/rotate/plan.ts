/**
 * The pure planner: from what is on disk (a Listing) and the policy, the steps of one
 * rotation of one log, in order. It reads nothing and changes nothing, so every case is
 * a table test, and `rotor check` can print a plan without touching a file.
 *
 * HOW (logrotate's phases, as data):
 * 1. Conditions: a missing log (an error unless missingok), a symlink, a hard-linked
 *    log, a directory others can write to, an empty or too small log.
 * 2. Retention before the shift: versions older than maxage, and the ones that would
 *    fall off the end (numbered: number start+keep-1 and beyond after the shift; dated:
 *    the oldest by name), each after its preremove script.
 * 3. The shift, from the oldest version down, so no rename ever meets an existing name.
 * 4. The live log becomes the newest version (rename + create, copy + truncate, ...).
 * 5. Compression of the newest version, or with delaycompress of the one before it.
 * 6. Beyond logrotate: the total-size budget, oldest versions first.
 *
 * Scripts around it (prerotate, postrotate) are placed by the caller, which knows whether
 * they are shared between several logs.
 */
import { posix } from "node:path";
import type { FileInfo } from "./fs.js";
import { MissingLogError, UnsafeLogError, VersionInTheWayError } from "./errors.js";
import { datedPath, findVersions, namingFor, numberedPath, type Naming, type Version } from "./naming.js";
import type { RotationPolicy } from "./policy.js";
import type { DirIdentity, Step } from "./steps.js";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** What the planner needs to know about the disk. */
export interface Listing {
  /** lstat of the live log, or null if missing. */
  log: FileInfo | null;
  /** lstat of the log's directory. */
  logDir: FileInfo | null;
  /** lstat of the versions directory (olddir, or the log's directory again). */
  versionsDir: FileInfo | null;
  /** The entries of the versions directory, by name. */
  entries: ReadonlyMap<string, FileInfo>;
}

/** Numeric owners resolved from the policy's names (that lookup is I/O, so it happens before). */
export interface Owners {
  create: { uid: number | null; gid: number | null };
  olddir: { uid: number | null; gid: number | null };
}

export type RotationPlan =
  | {
      log: string;
      rotate: true;
      /** The steps in order; scripts excluded except preremove. */
      steps: Step[];
      /** Directories whose identity the executor re-checks before each step. */
      dirs: DirIdentity[];
      /** Where the rotated content ends up once the plan is done. */
      newest: string;
      /**
       * Where a postrotate script goes: after the live log was rotated, before compression
       * (for renamecopy, between the rename to `.tmp` and the copy).
       */
      postrotateAt: number;
    }
  | { log: string; rotate: false; reason: string };

const NO_OWNERS: Owners = { create: { uid: null, gid: null }, olddir: { uid: null, gid: null } };

/**
 * Plans one rotation of `logPath`. Throws MissingLogError, UnsafeLogError or
 * VersionInTheWayError; returns `{ rotate: false, reason }` when a condition says no.
 *
 * @example
 * const plan = planRotation("/var/log/app.log", listing, resolvePolicy({ keep: 3 }), Date.now());
 */
export function planRotation(logPath: string, listing: Listing, policy: RotationPolicy, now: number, owners: Owners = NO_OWNERS): RotationPlan {
  const skip = checkConditions(logPath, listing, policy);
  if (skip !== null) return { log: logPath, rotate: false, reason: skip };
  const log = listing.log!;
  const naming = namingFor(logPath, policy);
  const steps: Step[] = [];
  const dirs: DirIdentity[] = [{ path: posix.dirname(logPath), dev: listing.logDir!.dev, ino: listing.logDir!.ino }];

  if (naming.dir !== posix.dirname(logPath)) {
    if (listing.versionsDir === null) {
      if (policy.createolddir === null) {
        throw new UnsafeLogError(naming.dir, `${naming.dir}: the olddir does not exist. Create it, or set \`createolddir\`.`);
      }
      steps.push({ kind: "mkdir", path: naming.dir, mode: policy.createolddir.mode, uid: owners.olddir.uid, gid: owners.olddir.gid });
    } else if (listing.versionsDir.type !== "directory") {
      throw new VersionInTheWayError(naming.dir, `a ${listing.versionsDir.type} (where olddir should be a directory)`);
    } else {
      dirs.push({ path: naming.dir, dev: listing.versionsDir.dev, ino: listing.versionsDir.ino });
    }
  }

  const versions = findVersions(naming, policy, listing.entries);
  for (const version of versions) {
    if (version.info.type !== "file") throw new VersionInTheWayError(version.path, `a ${version.info.type} named like a version`);
  }

  // Retention first: every removal is decided before any rename is planned.
  const removals = new Map<Version, string>();
  if (policy.maxage !== null) {
    for (const version of versions) if (now - version.info.mtimeMs > policy.maxage * DAY_MS) removals.set(version, `older than ${policy.maxage} days`);
  }
  const target = policy.dateext ? datedTarget(naming, policy, versions, now) : numberedPath(naming, policy.start, "");
  const oldestFirst = policy.dateext ? sortByDate(versions) : versions.filter((v) => v.index! >= policy.start).sort((a, b) => b.index! - a.index!);
  if (policy.keep >= 0) {
    // Room for the new version: keep-1 of the existing ones stay (none with keep 0).
    const excess = oldestFirst.length - Math.max(0, policy.keep - 1);
    for (const version of oldestFirst.slice(0, Math.max(0, excess))) if (!removals.has(version)) removals.set(version, `beyond rotate ${policy.keep}`);
  }
  if (policy.maxTotalSize !== null) planSizeBudget(oldestFirst, removals, log.size, policy.maxTotalSize);

  for (const [version, why] of removals) {
    if (policy.scripts.preremove) steps.push({ kind: "script", stage: "preremove", script: policy.scripts.preremove, args: [version.path] });
    steps.push({ kind: "delete", path: version.path, shred: policy.shred, shredcycles: policy.shredcycles, why });
  }
  if (!policy.dateext) {
    for (const version of oldestFirst) {
      if (!removals.has(version)) steps.push({ kind: "rename", from: version.path, to: numberedPath(naming, version.index! + 1, version.compressed) });
    }
  }

  const liveSteps = liveLogSteps(logPath, target, log, policy, owners);
  const postrotateAt = steps.length + (policy.mode === "renamecopy" ? 1 : liveSteps.length);
  steps.push(...liveSteps);

  let newest = target;
  if (policy.compress !== null && !policy.delaycompress) {
    newest = target + naming.compext;
    steps.push(compressStep(target, newest, policy, log));
  } else if (policy.delaycompress) {
    const previous = previousUncompressed(naming, policy, versions, removals);
    if (previous !== null) steps.push(compressStep(previous, previous + naming.compext, policy, log));
  }
  if (policy.keep === 0) {
    steps.push({ kind: "delete", path: newest, shred: policy.shred, shredcycles: policy.shredcycles, why: "rotate 0 keeps no version" });
  }
  return { log: logPath, rotate: true, steps, dirs, newest, postrotateAt };
}

/** logrotate's refusals and skips, in its order. Returns a reason to skip, or null. */
function checkConditions(logPath: string, listing: Listing, policy: RotationPolicy): string | null {
  const log = listing.log;
  if (log === null) {
    if (policy.missingok) return "the log does not exist (missingok)";
    throw new MissingLogError(logPath);
  }
  if (log.type === "symlink") {
    throw new UnsafeLogError(logPath, `${logPath}: the log is a symbolic link; rotating it could write elsewhere, so it is skipped. Point the config at the real file.`);
  }
  if (log.type !== "file") throw new UnsafeLogError(logPath, `${logPath}: the log is a ${log.type}, not a regular file.`);
  if (log.nlink > 1 && !policy.allowhardlink) {
    throw new UnsafeLogError(logPath, `${logPath}: the log has ${log.nlink} hard links; rotating it would empty the other names too. Set \`allowhardlink\` if that is intended.`);
  }
  const dir = listing.logDir;
  if (dir !== null && policy.su === null && (dir.mode & 0o002 || (dir.mode & 0o020 && dir.gid !== 0))) {
    throw new UnsafeLogError(
      logPath,
      `${logPath}: skipped because its directory has insecure permissions (it is world writable or writable by a group which is not "root"). Set \`su\` to the user and group that own the directory, so rotation runs as them.`,
    );
  }
  if (!policy.ifempty && log.size === 0) return "the log is empty (notifempty)";
  if (policy.minsize !== null && log.size < policy.minsize) return `the log is smaller than minsize (${log.size} < ${policy.minsize} bytes)`;
  return null;
}

/** The oldest first: dated versions sort by their date part (logrotate sorts by name). */
function sortByDate(versions: Version[]): Version[] {
  return [...versions].sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
}

/** The dated name of the new version; refuses when a version with that date exists already. */
function datedTarget(naming: Naming, policy: RotationPolicy, versions: Version[], now: number): string {
  const when = policy.dateyesterday ? now - DAY_MS : policy.datehourago ? now - HOUR_MS : now;
  const target = datedPath(naming, policy, when, "");
  const name = posix.basename(target);
  const clash = versions.find((v) => v.name === name || v.name === name + naming.compext);
  if (clash) throw new VersionInTheWayError(clash.path, "a version with the same date (rotated already in this period?)");
  return target;
}

/** The steps that turn the live log into version `to`, per mode. */
function liveLogSteps(logPath: string, to: string, log: FileInfo, policy: RotationPolicy, owners: Owners): Step[] {
  const create = (): Step => ({
    kind: "create",
    path: logPath,
    mode: policy.createMode ?? log.mode,
    uid: owners.create.uid ?? log.uid,
    gid: owners.create.gid ?? log.gid,
  });
  switch (policy.mode) {
    case "create":
      return [{ kind: "rename", from: logPath, to }, create()];
    case "nocreate":
      return [{ kind: "rename", from: logPath, to }];
    case "copytruncate":
      return [
        { kind: "copy", from: logPath, to, mode: log.mode },
        { kind: "truncate", path: logPath, copied: to },
      ];
    case "copy":
      return [{ kind: "copy", from: logPath, to, mode: log.mode }];
    case "renamecopy": {
      const temporary = `${logPath}.tmp`;
      return [
        { kind: "rename", from: logPath, to: temporary },
        { kind: "copy", from: temporary, to, mode: log.mode },
        { kind: "delete", path: temporary, shred: false, shredcycles: null, why: "renamecopy's temporary" },
      ];
    }
  }
}

function compressStep(from: string, to: string, policy: RotationPolicy, log: FileInfo): Step {
  return { kind: "compress", from, to, method: policy.compress!, level: policy.compressLevel, mode: log.mode };
}

/** With delaycompress: the version that was newest before this rotation, where it is now, if uncompressed. */
function previousUncompressed(naming: Naming, policy: RotationPolicy, versions: Version[], removals: Map<Version, string>): string | null {
  const candidates = versions.filter((v) => v.compressed === "" && !removals.has(v));
  if (policy.dateext) return sortByDate(candidates).at(-1)?.path ?? null;
  return candidates.some((v) => v.index === policy.start) ? numberedPath(naming, policy.start + 1, "") : null;
}

/** Marks the oldest versions for removal while all of them together exceed `budget` bytes. */
function planSizeBudget(oldestFirst: Version[], removals: Map<Version, string>, incoming: number, budget: number): void {
  let total = incoming;
  for (const version of oldestFirst) if (!removals.has(version)) total += version.info.size;
  for (const version of oldestFirst) {
    if (total <= budget) break;
    if (removals.has(version)) continue;
    removals.set(version, `over the size budget of ${budget} bytes`);
    total -= version.info.size;
  }
}
