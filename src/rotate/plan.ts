/**
 * The pure planner: from what is on disk (a Listing) and the policy, the steps of one
 * rotation of one log, in logrotate 3.21's order. It reads nothing and changes nothing,
 * so every case is a table test, and `rotor check` can print a plan without touching a file.
 *
 * HOW (docs/logrotate-behaviour.md, "Order of operations", established by experiment):
 * - before:  compress a plain newest version left from last time (delaycompress); then the
 *            shift, from the oldest slot down (an expired version is removed instead of
 *            shifted), or for dated names the removal of the oldest beyond the count;
 * - (the caller runs prerotate here)
 * - during:  the live log becomes the newest version (rename + create, copy + truncate, ...);
 * - (the caller runs postrotate here)
 * - after:   renamecopy's copy, compression of the new version, then the disposal of the
 *            version that fell off the end; beyond logrotate, the total-size budget.
 *
 * Where logrotate loses data, rotor does not, and says so here (each case has a "DEVIATION"
 * comment): a name about to be overwritten is first moved aside to `<name>-YYYYMMDDHH.backup`
 * (what logrotate itself does for copies and compressions), a plain newest version found
 * when compression is on is compressed into the chain instead of being overwritten, and a
 * same-day dated rotation is refused before, not after, the old versions are deleted. Where
 * logrotate would work through a symlinked olddir or stop half-way on a directory among the
 * versions, rotor refuses before the first step (also marked "DEVIATION").
 */
import { posix } from "node:path";
import { compareDates, formatDate } from "./date-format.js";
import { MissingLogError, UnsafeLogError, VersionInTheWayError } from "./errors.js";
import { yesterdayNoon } from "./local-time.js";
import type { FileInfo } from "./fs.js";
import { datedPath, findVersions, inDir, namingFor, numberedPath, type Naming, type Version } from "./naming.js";
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

export interface Rotation {
  log: string;
  rotate: true;
  /** Steps before prerotate: delayed compression, the shift, early removals. */
  before: Step[];
  /** Steps between prerotate and postrotate: the live log becomes a version. */
  during: Step[];
  /** Steps after postrotate: renamecopy's copy, compression, disposal. */
  after: Step[];
  /** The new version's name before compression (postrotate's `$2`). */
  rotated: string;
  /** Where the rotated content ends up once the plan is done. */
  newest: string | null;
  /** Directories whose identity the executor re-checks before each step. */
  dirs: DirIdentity[];
}

export type RotationPlan = Rotation | { log: string; rotate: false; reason: string };

const NO_OWNERS: Owners = { create: { uid: null, gid: null }, olddir: { uid: null, gid: null } };

/**
 * Plans one rotation of `logPath` at wall time `now`. Throws MissingLogError,
 * UnsafeLogError or VersionInTheWayError before any step; returns `{ rotate: false }`
 * when a condition says no.
 *
 * @example
 * const plan = planRotation("/var/log/app.log", listing, resolvePolicy({ keep: 3 }), Date.now());
 */
export function planRotation(logPath: string, listing: Listing, policy: RotationPolicy, now: number, owners: Owners = NO_OWNERS): RotationPlan {
  const skip = checkConditions(logPath, listing, policy);
  if (skip !== null) return { log: logPath, rotate: false, reason: skip };
  const log = listing.log!;
  const naming = namingFor(logPath, policy);
  const plan: Rotation = { log: logPath, rotate: true, before: [], during: [], after: [], rotated: "", newest: null, dirs: [] };
  plan.dirs.push({ path: posix.dirname(logPath), dev: listing.logDir!.dev, ino: listing.logDir!.ino });
  planVersionsDir(naming, listing, policy, owners, plan);

  const disk = new DiskView(naming, policy, listing.entries, now);
  const builder = new StepBuilder(policy, log, disk, now);

  // before: a plain newest version is compressed into the chain first: with dateext every
  // plain dated version, with delaycompress only (logrotate leaves them alone otherwise, 04k).
  const plain = policy.compress === null ? [] : policy.dateext ? (policy.delaycompress ? disk.versions("") : []) : disk.versions("").filter((v) => v.index === policy.start);
  for (const version of plain) builder.compress(plan.before, version.path, version.path + naming.compext, "delayed compression");
  // Once compressed they are versions of the chain like the others: shifted, counted, disposed
  // of (03a). Without this a delayed-compressed `.1.gz` stayed behind while the new `.1` came.
  const joined = plain.map((v) => ({ ...v, path: v.path + naming.compext, name: v.name + naming.compext, compressed: naming.compext }));
  const { target, dispose } = policy.dateext ? planDatedRetention(naming, policy, disk, builder, plan, joined) : planShift(naming, policy, disk, builder, plan, joined);

  // during: the live log becomes the newest version.
  plan.rotated = target;
  planLiveLog(logPath, target, log, policy, owners, builder, plan);

  // after: compression of the new version (unless delayed), then disposal.
  let newest = target;
  if (policy.compress !== null && !policy.delaycompress) {
    newest = target + naming.compext;
    builder.compress(plan.after, target, newest, "compression");
  }
  for (const version of dispose) builder.remove(plan.after, version, `beyond rotate ${policy.keep}`);
  if (policy.keep === 0) {
    builder.remove(plan.after, newest, "rotate 0 keeps no version");
    plan.newest = null;
  } else {
    plan.newest = newest;
  }
  if (policy.maxTotalSize !== null) planSizeBudget(disk, joined, log.size, policy.maxTotalSize, builder, plan);
  return plan;
}

/** logrotate's refusals and skips, in its order. Returns a reason to skip, or null. */
function checkConditions(logPath: string, listing: Listing, policy: RotationPolicy): string | null {
  const log = listing.log;
  if (log === null) {
    if (policy.missingok) return "the log does not exist (missingok)";
    throw new MissingLogError(logPath);
  }
  // A symlink, a hard-linked log and a directory are skipped, not errors: logrotate 3.21 skips
  // them with exit code 0 (docs/logrotate-behaviour.md 10a, 10c, 12f); these used to throw.
  if (log.type === "symlink") {
    return `${logPath}: the log is a symbolic link; rotating it could write elsewhere, so it is skipped. Point the config at the real file.`;
  }
  if (log.type === "directory") return `${logPath}: the log is a directory, not a file, so it is skipped.`;
  if (log.nlink > 1 && !policy.allowhardlink) {
    return `${logPath}: the log has ${log.nlink} hard links; rotating it would empty the other names too, so it is skipped. Set \`allowhardlink\` if that is intended.`;
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

/** olddir: must be a directory, or is created (createolddir). */
function planVersionsDir(naming: Naming, listing: Listing, policy: RotationPolicy, owners: Owners, plan: Rotation): void {
  if (naming.dir === posix.dirname(plan.log)) return;
  const dir = listing.versionsDir;
  if (dir === null) {
    if (policy.createolddir === null) throw new UnsafeLogError(naming.dir, `${naming.dir}: the olddir does not exist. Create it, or set \`createolddir\`.`);
    plan.before.push({ kind: "mkdir", path: naming.dir, mode: policy.createolddir.mode, uid: owners.olddir.uid, gid: owners.olddir.gid });
  } else if (dir.type !== "directory") {
    // DEVIATION: logrotate follows an olddir that is a symlink (06j); rotor never works through
    // a symlinked directory (its identity could not be pinned), so it refuses before any step.
    throw new VersionInTheWayError(naming.dir, `a ${dir.type} (where olddir should be a directory)`);
  } else {
    plan.dirs.push({ path: naming.dir, dev: dir.dev, ino: dir.ino });
  }
}

/**
 * What the versions directory will hold as the plan goes on: the planner asks it whether a
 * name is taken, and tells it about every planned move, so later steps see earlier ones.
 */
class DiskView {
  readonly #present = new Map<string, Version | "new">();
  readonly #versions: Version[];

  constructor(
    readonly naming: Naming,
    readonly policy: RotationPolicy,
    entries: ReadonlyMap<string, FileInfo>,
    readonly now: number,
  ) {
    this.#versions = findVersions(naming, policy, entries);
    for (const [name, info] of entries) {
      const version = this.#versions.find((v) => v.name === name);
      const path = inDir(naming, name);
      this.#present.set(path, version ?? { name, path, index: null, date: null, compressed: "", info });
    }
    // DEVIATION: logrotate shifts a directory named like a version along the chain (12a, 12c)
    // until it reaches the dispose slot, where its rename fails half-way through the log's
    // rotation (12b); rotor refuses at once, before any step, with an error naming it.
    for (const version of this.#versions) {
      if (version.info.type === "directory") throw new VersionInTheWayError(version.path, "a directory named like a version");
    }
  }

  /** The versions found at the start with compression extension `compressed`. */
  versions(compressed: string): Version[] {
    return this.#versions.filter((v) => v.compressed === compressed);
  }

  has(path: string): boolean {
    return this.#present.has(path);
  }

  /** Size of what is at `path` now, if known. */
  size(path: string): number {
    const entry = this.#present.get(path);
    return entry && entry !== "new" ? entry.info.size : 0;
  }

  moved(from: string, to: string): void {
    const entry = this.#present.get(from) ?? "new";
    this.#present.delete(from);
    this.#present.set(to, entry);
  }

  created(path: string): void {
    this.#present.set(path, "new");
  }

  removed(path: string): void {
    this.#present.delete(path);
  }

  expired(version: Version): boolean {
    return this.policy.maxage !== null && this.now - version.info.mtimeMs > this.policy.maxage * DAY_MS;
  }
}

/** Emits steps and keeps the DiskView in step with them. */
class StepBuilder {
  constructor(
    readonly policy: RotationPolicy,
    readonly log: FileInfo,
    readonly disk: DiskView,
    readonly now: number,
  ) {}

  /** preremove (if any) and removal of `path`. */
  remove(into: Step[], path: string, why: string, withScript = true): void {
    const { preremove } = this.policy.scripts;
    if (preremove && withScript) into.push({ kind: "script", stage: "preremove", script: preremove, args: [path] });
    into.push({ kind: "delete", path, shred: this.policy.shred, shredcycles: this.policy.shredcycles, why });
    this.disk.removed(path);
  }

  /**
   * Makes `path` free: what is there is moved aside to `<path>-YYYYMMDDHH.backup`, as
   * logrotate does before copying or compressing onto an existing name.
   */
  clear(into: Step[], path: string): void {
    if (!this.disk.has(path)) return;
    const stamp = formatDate("-%Y%m%d%H", this.now, this.policy.timezone);
    let backup = `${path}${stamp}.backup`;
    for (let n = 1; this.disk.has(backup); n++) backup = `${path}${stamp}.${n}.backup`;
    into.push({ kind: "rename", from: path, to: backup });
    this.disk.moved(path, backup);
  }

  rename(into: Step[], from: string, to: string): void {
    into.push({ kind: "rename", from, to });
    this.disk.moved(from, to);
  }

  /** Compression into a free name, then preremove and removal of the source (logrotate's order). */
  compress(into: Step[], from: string, to: string, why: string): void {
    this.clear(into, to);
    into.push({ kind: "compress", from, to, method: this.policy.compress!, level: this.policy.compressLevel });
    this.disk.created(to);
    this.remove(into, from, `${why}: compressed into ${posix.basename(to)}`);
  }
}

/**
 * Numbered versions (logrotate's loop): from slot start+K-1 down to start, each version
 * is renamed one up, or removed if older than maxage; the version pushed to start+K is
 * disposed of after the rotation. Only names with the current compression are shifted.
 */
function planShift(naming: Naming, policy: RotationPolicy, disk: DiskView, builder: StepBuilder, plan: Rotation, joined: Version[]): { target: string; dispose: string[] } {
  const { start, keep } = policy;
  const chain = new Map([...disk.versions(policy.compress === null ? "" : naming.compext), ...joined].map((v) => [v.index!, v]));
  // rotate -1 shifts up to the highest version there is; rotate 0 still shifts slot `start` (logrotate).
  const top = keep < 0 ? Math.max(start, ...[...chain.keys()].filter((i) => i >= start)) : start + Math.max(keep, 1) - 1;
  const compext = policy.compress === null ? "" : naming.compext;
  for (let i = top; i >= start; i--) {
    const version = chain.get(i);
    if (!version) continue;
    if (disk.expired(version)) {
      builder.remove(plan.before, version.path, `older than ${policy.maxage} days`);
      continue;
    }
    const to = numberedPath(naming, i + 1, compext);
    // DEVIATION: logrotate's rename overwrites a stray at the next slot (only possible at start+K);
    // rotor removes it first, without preremove, as logrotate's overwrite runs none.
    if (disk.has(to)) builder.remove(plan.before, to, "a stray in the slot the shift needs", false);
    builder.rename(plan.before, version.path, to);
  }
  const dispose = keep >= 0 ? numberedPath(naming, start + keep, compext) : null;
  return { target: numberedPath(naming, start, ""), dispose: dispose !== null && disk.has(dispose) && keep > 0 ? [dispose] : [] };
}

/**
 * Dated versions: those matching the dateformat (with the current compression) are sorted
 * by the date in their name; all but the newest keep-1 go, the oldest before prerotate and
 * the newest of them after the rotation (logrotate's "dispose"); maxage removes by mtime.
 */
function planDatedRetention(naming: Naming, policy: RotationPolicy, disk: DiskView, builder: StepBuilder, plan: Rotation, joined: Version[]): { target: string; dispose: string[] } {
  const compext = policy.compress === null ? "" : naming.compext;
  // After a delayed compression the plain dated versions have joined the compressed ones.
  const matching = [...disk.versions(compext), ...joined];
  const oldestFirst = matching.sort((a, b) => compareDates(policy.dateformat, a.date!, b.date!));
  const excess = policy.keep < 0 ? [] : oldestFirst.slice(0, Math.max(0, oldestFirst.length - Math.max(0, policy.keep - 1)));
  const removals = oldestFirst.filter((v) => excess.includes(v) || disk.expired(v));
  const dispose = removals.at(-1);
  for (const version of removals) if (version !== dispose) builder.remove(plan.before, version.path, excess.includes(version) ? `beyond rotate ${policy.keep}` : `older than ${policy.maxage} days`);

  // datehourago is logrotate's `tm_hour -= 1` with the DST flag kept, which is an hour earlier.
  const when = policy.dateyesterday ? yesterdayNoon(disk.now, policy.timezone) : policy.datehourago ? disk.now - HOUR_MS : disk.now;
  const target = datedPath(naming, policy, when, "");
  // DEVIATION: logrotate makes this check after the retention removals above, so a rotation it
  // then skips has still deleted versions (04g2); rotor throws here, before any step has run.
  for (const name of [target, target + compext]) {
    if (disk.has(name)) throw new VersionInTheWayError(name, "a version with the same date (rotated already in this period?)");
  }
  return { target, dispose: dispose ? [dispose.path] : [] };
}

/** The steps that turn the live log into version `target`, per mode (renamecopy's copy comes after postrotate). */
function planLiveLog(logPath: string, target: string, log: FileInfo, policy: RotationPolicy, owners: Owners, builder: StepBuilder, plan: Rotation): void {
  const create: Step = {
    kind: "create",
    path: logPath,
    mode: policy.createMode ?? log.mode,
    uid: owners.create.uid ?? log.uid,
    gid: owners.create.gid ?? log.gid,
  };
  const { during, after } = plan;
  switch (policy.mode) {
    case "create":
    case "nocreate":
      // DEVIATION: logrotate's rename overwrites an existing target; rotor moves it aside first.
      builder.clear(during, target);
      builder.rename(during, logPath, target);
      if (policy.mode === "create") during.push(create);
      return;
    case "copytruncate":
    case "copy":
      builder.clear(during, target);
      during.push({ kind: "copy", from: logPath, to: target, mode: log.mode });
      builder.disk.created(target);
      if (policy.mode === "copytruncate") during.push({ kind: "truncate", path: logPath, copied: target });
      return;
    case "renamecopy": {
      const temporary = `${logPath}.tmp`;
      during.push({ kind: "rename", from: logPath, to: temporary }, create);
      builder.clear(after, target);
      after.push({ kind: "copy", from: temporary, to: target, mode: log.mode });
      builder.disk.created(target);
      after.push({ kind: "delete", path: temporary, shred: false, shredcycles: null, why: "renamecopy's temporary copy" });
      return;
    }
  }
}

/** Beyond logrotate: removes the oldest versions while all of them together exceed `budget` bytes. */
function planSizeBudget(disk: DiskView, joined: Version[], incoming: number, budget: number, builder: StepBuilder, plan: Rotation): void {
  const policy = disk.policy;
  const naming = disk.naming;
  const compext = policy.compress === null ? "" : naming.compext;
  const kept = findVersionsAfter(disk, joined, compext).filter((path) => path !== plan.newest);
  let total = incoming + kept.reduce((sum, path) => sum + disk.size(path), 0);
  for (const path of kept) {
    if (total <= budget) break;
    // The size is read before the removal: once removed, the view says 0 (which made every
    // version go, however small the excess).
    total -= disk.size(path);
    builder.remove(plan.after, path, `over the size budget of ${budget} bytes`);
  }
}

/** The versions present once the plan has run, oldest first. */
function findVersionsAfter(disk: DiskView, joined: Version[], compext: string): string[] {
  const { naming, policy } = disk;
  if (policy.dateext) {
    return [...disk.versions(compext), ...joined]
      .filter((v) => disk.has(v.path))
      .sort((a, b) => compareDates(policy.dateformat, a.date!, b.date!))
      .map((v) => v.path);
  }
  // Every number up to one past the highest found (the shift moves each up by one): gaps are
  // not closed (01b), so stopping at the first missing number left older versions uncounted.
  const highest = Math.max(policy.start, ...[...disk.versions(compext), ...joined].map((v) => v.index!));
  const paths: string[] = [];
  for (let i = policy.start + 1; i <= highest + 1; i++) {
    const path = numberedPath(naming, i, compext);
    if (disk.has(path)) paths.unshift(path);
  }
  return paths;
}
