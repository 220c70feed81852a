/**
 * Runs the examples: `tsx examples/index.ts [NAME...]` (`npm run example -- NAME`), or all
 * of them in order when no name is given (`npm start`). The only file that touches
 * `process`.
 */
import { runExamples } from "./runner.js";

process.exitCode = await runExamples(process.argv.slice(2), { out: console.log, err: console.error });
