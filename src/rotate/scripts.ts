/**
 * logrotate's scripts (firstaction, prerotate, postrotate, lastaction, preremove): run
 * with `/bin/sh -c SCRIPT logrotate_script ARG...`, so a path is `$1` inside the script
 * and is never interpolated into the command text: a log named `$(rm -rf ~).log` is data.
 */
import { ScriptError } from "./errors.js";
import type { RunCommand } from "./commands.js";
import type { ScriptStage } from "./steps.js";

export async function runScript(run: RunCommand, stage: ScriptStage, script: string, args: readonly string[], signal?: AbortSignal): Promise<void> {
  const result = await run("/bin/sh", ["-c", script, "logrotate_script", ...args], { signal });
  if (result.code !== 0) throw new ScriptError(args[0] ?? "", stage, result.code, result.signal, result.stderr);
}
