#!/usr/bin/env node
/** The `rotor-logrotate` executable (a drop-in for logrotate 3.21): the only place that sets its exit code. */
import { exitOnceWritten } from "./exit-once-written.js";
import { logrotateMain } from "./logrotate/main.js";

// No top-level await: the build bundles this entry as CommonJS (scripts/bundle-cli.mjs).
void logrotateMain(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) }).then(exitOnceWritten);
