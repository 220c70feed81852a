#!/usr/bin/env node
/**
 * The `rotor-logrotate` executable: sizes libuv's thread pool, then runs the ESM entry
 * (rotor-logrotate.ts), bundled by `npm run build` into rotor-logrotate.bundle.js.
 *
 * WHY a CommonJS file: the pool is made, with the size UV_THREADPOOL_SIZE says, on its first
 * use, and loading an ES module already uses it, so the ESM entry's body runs too late to
 * size it. A pass waits on the pool for fsyncs it makes at once (a batch's compressions are
 * fdatasync'ed together, then renamed: 1,000 of them took ~300 ms with the default 4 threads,
 * ~150-200 ms with 16, on a 2-vCPU machine with a virtual disk). A size given by the caller is
 * kept. The pool is started here, and the variable then put back as it was, so that the
 * scripts and compressors a pass runs do not inherit it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file, on purpose (above)
import fs = require("node:fs");

const POOL_THREADS = "16";

const given = process.env.UV_THREADPOOL_SIZE;
if (given === undefined) {
  process.env.UV_THREADPOOL_SIZE = POOL_THREADS;
  // Any call through the pool makes it, at once and at the size above.
  fs.stat(__filename, () => undefined);
  delete process.env.UV_THREADPOOL_SIZE;
}
// The bundle of the ESM entry (scripts/bundle-cli.mjs: one file loads much faster than the
// modules one by one); the entry itself where no bundle was built (tsc alone).
const BUNDLE = "./rotor-logrotate.bundle.js"; // not a literal in import(): tsc has no types for it
import(BUNDLE).catch((error: { code?: string; url?: string; message?: string }) => {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.url ?? error.message).includes("rotor-logrotate.bundle.js")) throw error;
  return import("./rotor-logrotate.js");
});
