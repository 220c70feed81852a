/**
 * The child process of crash-sigkill.test.ts, run as
 *   node --import tsx rotate-child.ts rotate  <logs dir> <plan> <kill at step, or -1>
 *   node --import tsx rotate-child.ts recover <logs dir>
 * `rotate` rotates <logs dir>/app.log with the plan's options on a fixed virtual clock; before
 * each step the plan's writer (if any) appends `line N` to the live log, and at step N the
 * process SIGKILLs itself: nothing after that runs, no finally, no flush. `recover` only
 * finishes the interrupted rotation, as a restarted daemon would. Both print one line of JSON.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { recovery, rotateFile } from "../../../src/rotate/index.js";
import { VirtualClock, run } from "../../../src/scheduler/index.js";
import { SIGKILL_PLANS, SIGKILL_START, type SigkillPlanName } from "./sigkill-plans.js";

const [command, dir, planName, killAtText] = process.argv.slice(2);
const log = join(dir!, "app.log");
const clock = new VirtualClock({ autojump: true, start: SIGKILL_START });

if (command === "recover") {
  const recovered = await run(recovery(log, {}), { clock });
  process.stdout.write(`${JSON.stringify({ recovered })}\n`);
} else {
  const plan = SIGKILL_PLANS[planName as SigkillPlanName];
  const killAt = Number(killAtText);
  let steps = 0;
  const report = await rotateFile(log, {
    ...plan.options,
    clock,
    onStep: () => {
      if (plan.writer) appendFileSync(log, `line ${steps}\n`);
      if (steps === killAt) process.kill(process.pid, "SIGKILL");
      steps++;
    },
  });
  process.stdout.write(`${JSON.stringify({ steps, errors: report.errors.map(String) })}\n`);
}
