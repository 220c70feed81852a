/**
 * A process logging numbered messages with pino through the `rotor/pino` transport (in
 * pino's worker thread):  node --import tsx pino-child.ts <log> <count> <options JSON>
 */
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import pino from "pino";

const [log, count, optionsJson] = process.argv.slice(2);
const target = fileURLToPath(new URL("./pino-target.mjs", import.meta.url));
const transport = pino.transport({ target, options: { file: log, ...JSON.parse(optionsJson ?? "{}") } });
const logger = pino({ base: null, timestamp: false }, transport);
for (let n = 1; n <= Number(count); n++) logger.info(String(n).padStart(9, "0"));
// As in a program that just ends: pino's exit hook flushes the worker, which ends the writer.
await once(transport, "ready");
process.stdout.write("done\n");
