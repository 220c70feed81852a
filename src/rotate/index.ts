/** rotor's rotation engine: name, plan and apply rotations of log files, crash-safely. */
export { recovery, rotateFile, rotation, rotationPreview, type RotationPreview, type RotateFileOptions, type RotationReport } from "./rotate-file.js";
export { planRotation, type Listing, type Owners, type Rotation, type RotationPlan } from "./plan.js";
export { performBatch, prepareBatch, rotateBatch, type BatchOptions, type BatchOutcome, type PreparedBatch } from "./batch.js";
export { DirectorySnapshot, type DirectoryEntries } from "./directory-snapshot.js";
export { eachBounded, settleBounded } from "./bounded.js";
export { applyPlan, type ApplyReport, type ExecutorContext } from "./apply.js";
export { resolvePolicy, type RotationOptions, type RotationPolicy, type RotationMode, type Compression, type CompressCommand, type Scripts } from "./policy.js";
export { describeStep, type Step, type ScriptStage } from "./steps.js";
export { FileLocks } from "./file-locks.js";
export { appendToFile, nodeFs, writeNewFile } from "./node-fs.js";
export { nodeFsDirect } from "./node-fs-direct.js";
export type { RotateFs, FileInfo, FileType } from "./fs.js";
export { runCommand, type RunCommand, type CommandResult, type CommandOptions } from "./commands.js";
export { readListing, resolveOwners } from "./listing.js";
export { formatDate } from "./date-format.js";
export { localFields, fromLocalFields, startOfLocalHour, type LocalFields } from "./local-time.js";
export { runScript } from "./scripts.js";
export { startShellServer, type ShellServer } from "./shell-server.js";
export { createJournalPlan, journalPathFor, readJournal, type JournalPlan, type JournalState, type JournalWriter } from "./journal.js";
export { GroupJournal, type GroupEntryState } from "./group-journal.js";
export {
  RotateError,
  MissingLogError,
  UnsafeLogError,
  VersionInTheWayError,
  ScriptError,
  CompressionError,
  JournalError,
} from "./errors.js";
