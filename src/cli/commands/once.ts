/**
 * `rotor once CONFIG...`: one logrotate pass under rotor's own command — the pass that
 * `rotor-logrotate` runs, but strict, as rotor's commands are (issue 4): any problem in the
 * config is reported with file:line:column and nothing is rotated. Reads logrotate syntax,
 * or one rotor YAML config (whose jobs are due when their schedule fired since the state's
 * last rotation: src/daemon/pass/due.ts).
 */
import type { Command } from "commander";
import { runPassFromConfigs } from "../logrotate/run-pass.js";
import { CliError } from "../errors.js";
import type { CliIO } from "../io.js";

interface Flags {
  state: string;
  force?: boolean;
  dryRun?: boolean;
  verbose?: boolean;
  wait?: boolean;
}

export function defineOnceCommand(program: Command, io: CliIO): void {
  program
    .command("once")
    .description("run one rotation pass over a rotor YAML config or logrotate config files, then exit (cron-compatible)")
    .argument("<config...>", "a rotor YAML config, or logrotate config files (includes are followed)")
    .requiredOption("-s, --state <file>", "the state file (logrotate's format; locked while in use)")
    .option("-f, --force", "rotate every log now, whatever its schedule and size")
    .option("-n, --dry-run", "print what would be done, change nothing")
    .option("-v, --verbose", "print why each log is or is not rotated")
    .option("--wait", "wait for the state file's lock instead of failing")
    .action(async (configs: string[], flags: Flags) => {
      const code = await runPassFromConfigs({
        configs,
        state: flags.state,
        force: flags.force ?? false,
        debug: flags.dryRun ?? false,
        lock: flags.wait ? "wait" : "lock",
        strict: true,
        say: (message) => {
          if (message.level === "debug" && !flags.verbose && !flags.dryRun) return;
          if (message.level === "debug") io.out(message.text);
          else io.err(`rotor: ${message.level}: ${message.text}`);
        },
      });
      if (code !== 0) throw new CliError(code === 3 ? "the state file is locked" : "the pass had errors (see above)", { exitCode: code });
    });
}
