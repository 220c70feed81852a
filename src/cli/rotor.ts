#!/usr/bin/env node
/** The `rotor` executable: the only place that sets the process's exit code. */
import { main } from "./program.js";

process.exitCode = await main(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
