/** The `rotor` command line: one commander program, one file per command. */
import { Command, CommanderError } from "commander";
import { defineCheckCommand } from "./commands/check.js";
import { defineExamplesCommand } from "./commands/examples.js";
import { defineOnceCommand } from "./commands/once.js";
import { defineRotateCommand } from "./commands/rotate.js";
import { defineRunCommand } from "./commands/run.js";
import { defineSimulateCommand } from "./commands/simulate.js";
import { defineStatusCommand } from "./commands/status.js";
import { CliError } from "./errors.js";
import type { CliIO } from "./io.js";
import { version } from "./version.js";

/**
 * Runs the CLI on `argv` (without node and the script) and returns the exit code. Never
 * calls process.exit: bin/rotor does, so that tests can call this directly.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const program = new Command("rotor")
    .description("rotor: a generator task scheduler, and log rotation built on it")
    .version(version(), "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError("(run `rotor --help` for usage)");
  defineRunCommand(program, io);
  defineCheckCommand(program, io);
  defineSimulateCommand(program, io);
  defineStatusCommand(program, io);
  defineRotateCommand(program, io);
  defineOnceCommand(program, io);
  defineExamplesCommand(program, io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      io.err(`rotor: ${error.message}`);
      // As commander's own usage errors: the message first, then where the usage is.
      if (error.showUsage) {
        const command = program.commands.find((candidate) => candidate.name() === argv[0]);
        io.err(`(run \`rotor ${command === undefined ? "" : `${command.name()} `}--help\` for usage)`);
      }
      return error.exitCode;
    }
    // The layers' own errors (a locked state file: 3; a bad job in a config: 1) say what to do.
    if (error instanceof Error && "exitCode" in error && typeof error.exitCode === "number") {
      io.err(`rotor: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
