/** `rotor examples [NAME...]`: the seed article's examples, run on rotor. */
import type { Command } from "commander";
import { runExamples } from "../../../examples/runner.js";
import { CliError } from "../errors.js";
import type { CliIO } from "../io.js";

export function defineExamplesCommand(program: Command, io: CliIO): void {
  program
    .command("examples")
    .description("run the examples of the article rotor comes from (all of them, or those named)")
    .argument("[name...]", "examples to run; `rotor examples --list` names them")
    .option("--list", "list the examples and exit")
    .action(async (names: string[], options: { list?: boolean }) => {
      const code = await runExamples(options.list ? ["--help"] : names, io);
      if (code !== 0) throw new CliError(code === 2 ? "unknown example" : "an example failed", { exitCode: code });
    });
}
