/**
 * The steps of a rotation plan: plain data, so that a plan can be printed (`rotor check`,
 * `-d`), journaled as JSON before anything is touched, and replayed after a crash. Each
 * step is written to be idempotent: performed twice, it has the effect of once.
 */
import type { Compression } from "./policy.js";

export type ScriptStage = "firstaction" | "prerotate" | "postrotate" | "lastaction" | "preremove";

/** The directories a plan works in, with their identity at planning time (symlink-swap guard). */
export interface DirIdentity {
  path: string;
  dev: number;
  ino: number;
}

export type Step =
  /** Create the versions directory (createolddir). */
  | { kind: "mkdir"; path: string; mode: number; uid: number | null; gid: number | null }
  /** Rename without replacing anything. */
  | { kind: "rename"; from: string; to: string }
  /** Create the fresh, empty live log, exclusively. */
  | { kind: "create"; path: string; mode: number; uid: number | null; gid: number | null }
  /** Copy a file's bytes to a new file (copy, copytruncate, renamecopy). */
  | { kind: "copy"; from: string; to: string; mode: number }
  /** Empty the live log in place (copytruncate); `copied` is the version holding its bytes. */
  | { kind: "truncate"; path: string; copied: string }
  /** Compress `from` into `to` (temp name, fsync, rename), with `from`'s mode and owner; `from` stays. */
  | { kind: "compress"; from: string; to: string; method: Compression; level: number | null }
  /** Remove a version (or shred it). */
  | { kind: "delete"; path: string; shred: boolean; shredcycles: number | null; why: string }
  /** Run a script with /bin/sh -c; its arguments are passed as $1, $2, never interpolated. */
  | { kind: "script"; stage: ScriptStage; script: string; args: string[] };

/** A one-line description of a step, for logs and `--debug` output. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case "mkdir":
      return `create directory ${step.path} (mode ${step.mode.toString(8)})`;
    case "rename":
      return `rename ${step.from} -> ${step.to}`;
    case "create":
      return `create ${step.path} (mode ${step.mode.toString(8)}${step.uid === null ? "" : `, uid ${step.uid}`}${step.gid === null ? "" : `, gid ${step.gid}`})`;
    case "copy":
      return `copy ${step.from} -> ${step.to}`;
    case "truncate":
      return `truncate ${step.path}`;
    case "compress":
      return `compress ${step.from} -> ${step.to}`;
    case "delete":
      return `${step.shred ? "shred" : "remove"} ${step.path} (${step.why})`;
    case "script":
      return `run ${step.stage} script for ${step.args.join(" ")}`;
  }
}
