/** Gathers what the planner needs from the disk: the log, its directory, the versions directory. */
import { posix } from "node:path";
import type { FileInfo, RotateFs } from "./fs.js";
import { namingFor } from "./naming.js";
import type { Listing, Owners } from "./plan.js";
import type { RotationPolicy } from "./policy.js";

export async function readListing(fs: RotateFs, logPath: string, policy: RotationPolicy): Promise<Listing> {
  const logDirPath = posix.dirname(logPath);
  const versionsDirPath = namingFor(logPath, policy).dir;
  const [log, logDir, versionsDir] = await Promise.all([
    fs.lstat(logPath),
    fs.lstat(logDirPath),
    versionsDirPath === logDirPath ? null : fs.lstat(versionsDirPath),
  ]);
  const dirInfo = versionsDirPath === logDirPath ? logDir : versionsDir;
  const entries = new Map<string, FileInfo>();
  if (dirInfo?.type === "directory") {
    const names = (await fs.readdir(versionsDirPath)) ?? [];
    const base = posix.basename(namingFor(logPath, policy).stem);
    // Only names that can be versions of this log are looked at: a big /var/log stays cheap.
    const infos = await Promise.all(names.map((name) => (name.startsWith(base) ? fs.lstat(posix.join(versionsDirPath, name)) : null)));
    names.forEach((name, i) => infos[i] && entries.set(name, infos[i]!));
  }
  return { log, logDir, versionsDir: dirInfo, entries };
}

/** Resolves the owner names of the policy to numeric ids. */
export async function resolveOwners(fs: RotateFs, policy: RotationPolicy): Promise<Owners> {
  const none: { uid?: number; gid?: number } = {};
  const [create, olddir] = await Promise.all([
    policy.owner === null && policy.group === null ? none : fs.resolveOwner(policy.owner ?? undefined, policy.group ?? undefined),
    policy.createolddir === null ? none : fs.resolveOwner(policy.createolddir.owner ?? undefined, policy.createolddir.group ?? undefined),
  ]);
  return {
    create: { uid: create.uid ?? null, gid: create.gid ?? null },
    olddir: { uid: olddir.uid ?? null, gid: olddir.gid ?? null },
  };
}
