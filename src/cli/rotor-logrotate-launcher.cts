#!/usr/bin/env node
/**
 * The `rotor-logrotate` executable: sizes libuv's thread pool, then runs the entry
 * (rotor-logrotate.ts), bundled by `npm run build` into rotor-logrotate.bundle.cjs, with the
 * V8 code cache the build made for it.
 *
 * WHY a CommonJS file: the pool is made, with the size UV_THREADPOOL_SIZE says, on its first
 * use, and loading an ES module already uses it, so the ESM entry's body runs too late to
 * size it. A pass waits on the pool for fsyncs it makes at once (a batch's compressions are
 * fdatasync'ed together, then renamed: 1,000 of them took ~300 ms with the default 4 threads,
 * ~150-200 ms with 16, on a 2-vCPU machine with a virtual disk). A size given by the caller is
 * kept. The pool is started here, and the variable then put back as it was, so that the
 * scripts and compressors a pass runs do not inherit it.
 *
 * WHY vm.Script: it is how node 20 takes a code cache (scripts/bundle-cli.mjs says why one).
 * A cache made by another node or V8 is rejected by V8 and the bundle is compiled as without
 * one. With ROTOR_WRITE_CODE_CACHE=1 (the build), the cache is written when the pass ends.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file, on purpose (above)
import fs = require("node:fs");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
import Module = require("node:module");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
import path = require("node:path");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
import vm = require("node:vm");

const POOL_THREADS = "16";

const given = process.env.UV_THREADPOOL_SIZE;
if (given === undefined) {
  process.env.UV_THREADPOOL_SIZE = POOL_THREADS;
  // Any call through the pool makes it, at once and at the size above.
  fs.stat(__filename, () => undefined);
  delete process.env.UV_THREADPOOL_SIZE;
}

const BUNDLE = path.join(__dirname, "rotor-logrotate.bundle.cjs");
const CACHE = path.join(__dirname, "rotor-logrotate.bundle.cache");

/** Runs the bundle as node runs a CommonJS module, with its code cache where there is one. */
function runBundle(source: string): void {
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(CACHE);
  } catch {
    // none made (a build without it): compiled as usual
  }
  // The entry's `#!` line, which node's own loader would skip, blanked (lines keep their numbers).
  const script = new vm.Script(Module.wrap(source.replace(/^#!.*/, "")), { filename: BUNDLE, cachedData });
  if (process.env.ROTOR_WRITE_CODE_CACHE === "1") {
    process.once("exit", () => {
      try {
        fs.writeFileSync(CACHE, script.createCachedData());
      } catch {
        // Not writable here (an installed package): runs stay as they are, without a cache.
      }
    });
  }
  const module = { exports: {} };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, __dirname);
}

let source: string | null = null;
try {
  source = fs.readFileSync(BUNDLE, "utf8");
} catch {
  // no bundle (tsc alone): the entry itself
}
if (source !== null) runBundle(source);
else void import("./rotor-logrotate.js");
