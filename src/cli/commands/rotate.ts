/** `rotor rotate FILE... --keep N`: rotate logs now, with logrotate's options as flags. */
import type { Command } from "commander";
import { describeStep, rotateFile, rotationPreview, type RotateFileOptions, type RotationMode } from "../../rotate/index.js";
import { run } from "../../scheduler/index.js";
import { CliError } from "../errors.js";
import type { CliIO } from "../io.js";
import { choiceOption, integerOption, modeOption, sizeOption } from "../values.js";

const MODES: readonly RotationMode[] = ["create", "nocreate", "copytruncate", "copy", "renamecopy"];

interface Flags {
  keep: number;
  start?: number;
  compress?: "gzip" | "zstd" | true;
  delaycompress?: boolean;
  mode?: RotationMode;
  createMode?: number;
  owner?: string;
  group?: string;
  dateext?: boolean;
  dateformat?: string;
  olddir?: string;
  createolddir?: boolean;
  extension?: string;
  missingok?: boolean;
  notifempty?: boolean;
  minsize?: number;
  maxage?: number;
  maxTotalSize?: number;
  prerotate?: string;
  postrotate?: string;
  dryRun?: boolean;
  verbose?: boolean;
}

export function defineRotateCommand(program: Command, io: CliIO): void {
  program
    .command("rotate")
    .description("rotate log files now, keeping N versions (logrotate's directives as flags)")
    .argument("<file...>", "the logs to rotate")
    .requiredOption("-k, --keep <n>", "versions to keep (0 deletes the rotated log, -1 keeps all)", integerOption("--keep", -1))
    .option("--start <n>", "number of the newest version", integerOption("--start", 0))
    .option("-z, --compress [method]", "compress versions: gzip (default) or zstd", choiceOption("--compress", ["gzip", "zstd"] as const))
    .option("--delaycompress", "leave the newest version uncompressed until the next rotation")
    .option("--mode <mode>", `how the live log becomes a version: ${MODES.join(", ")}`, choiceOption("--mode", MODES))
    .option("--create-mode <octal>", "mode of the fresh log (create mode)", modeOption("--create-mode"))
    .option("--owner <user>", "owner of the fresh log")
    .option("--group <group>", "group of the fresh log")
    .option("--dateext", "name versions by date instead of by number")
    .option("--dateformat <format>", "date part of the names (default -%Y%m%d)")
    .option("--olddir <dir>", "directory for the versions")
    .option("--createolddir", "create the olddir if missing")
    .option("--extension <ext>", "keep this extension last (app.1.log)")
    .option("--missingok", "skip a missing log instead of failing")
    .option("--notifempty", "skip an empty log")
    .option("--minsize <size>", "skip a log smaller than this (500, 100k, 10M)", sizeOption("--minsize"))
    .option("--maxage <days>", "remove versions older than this many days", integerOption("--maxage", 0))
    .option("--max-total-size <size>", "remove the oldest versions while all exceed this", sizeOption("--max-total-size"))
    .option("--prerotate <script>", "shell script run before (the log is $1)")
    .option("--postrotate <script>", "shell script run after (the log is $1, its version $2)")
    .option("-n, --dry-run", "print what would be done, change nothing")
    .option("-v, --verbose", "print every step")
    .action(async (files: string[], flags: Flags) => {
      const options = toOptions(flags, io);
      let failed = 0;
      for (const file of files) {
        try {
          if (flags.dryRun) {
            const preview = await run(rotationPreview(file, options));
            if (!preview.rotate) io.out(`${file}: would skip (${preview.reason})`);
            else for (const step of preview.steps) io.out(`${file}: would ${describeStep(step)}`);
            continue;
          }
          const report = await rotateFile(file, options);
          for (const warning of report.warnings) io.err(`rotor: warning: ${warning}`);
          for (const error of report.errors) io.err(`rotor: error: ${error.message}`);
          if (report.errors.length > 0) failed++;
          io.out(report.rotated ? `${file}: rotated${report.newest ? ` to ${report.newest}` : " (no version kept)"}` : `${file}: skipped (${report.reason})`);
        } catch (error) {
          failed++;
          io.err(`rotor: error: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (failed > 0) throw new CliError(`${failed} of ${files.length} log(s) failed`, { exitCode: 1 });
    });
}

function toOptions(flags: Flags, io: CliIO): RotateFileOptions {
  const scripts = { prerotate: flags.prerotate, postrotate: flags.postrotate };
  return {
    keep: flags.keep,
    start: flags.start,
    compress: flags.compress === true ? "gzip" : (flags.compress ?? false),
    delaycompress: flags.delaycompress,
    mode: flags.mode,
    createMode: flags.createMode,
    owner: flags.owner,
    group: flags.group,
    dateext: flags.dateext,
    dateformat: flags.dateformat,
    olddir: flags.olddir,
    createolddir: flags.createolddir,
    extension: flags.extension,
    missingok: flags.missingok,
    ifempty: !flags.notifempty,
    minsize: flags.minsize,
    maxage: flags.maxage,
    maxTotalSize: flags.maxTotalSize,
    scripts,
    onStep: flags.verbose ? (step) => io.out(`  ${describeStep(step)}`) : undefined,
  };
}
