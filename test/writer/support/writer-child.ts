/**
 * A process that writes numbered lines through a rotating writer, for the multi-process
 * and crash tests:
 *   node --import tsx writer-child.ts <log> <first> <last> <options JSON> [crash | pause]
 * It prints "ready" once the live file is open and "done" once every line is written and
 * the file closed. With `crash`, it SIGKILLs itself right after handing over line <last>:
 * the lines lost are exactly those accepted and not yet written. A writer error is printed
 * as `error <code> <message>` and the process exits with code 3. With `pause`, it prints
 * "paused" half-way, holding the log, and goes on when a line arrives on its stdin.
 */
import { once } from "node:events";
import { createRotatingWriter } from "../../../src/writer/index.js";
import { numberedLine } from "./log-files.js";

const [log, first, last, optionsJson, mode] = process.argv.slice(2);
const writer = createRotatingWriter(log!, JSON.parse(optionsJson ?? "{}"));
writer.on("error", (error: Error & { code?: string }) => {
  process.stdout.write(`error ${error.code} ${error.message}\n`);
  process.exit(3);
});
writer.on("ready", () => process.stdout.write("ready\n"));
const width = 40;
const middle = Math.floor((Number(first) + Number(last)) / 2);
for (let n = Number(first); n <= Number(last); n++) {
  if (!writer.write(numberedLine(n, width))) await once(writer, "drain");
  if (n === middle && mode === "pause") {
    process.stdout.write("paused\n");
    await once(process.stdin, "data");
    process.stdin.destroy();
  }
}
if (mode === "crash") process.kill(process.pid, "SIGKILL");
writer.end();
await once(writer, "close");
process.stdout.write("done\n");
