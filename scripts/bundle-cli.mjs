/**
 * `npm run build` (after tsc): bundles the `rotor-logrotate` entry (dist/src/cli/rotor-logrotate.js)
 * and what it imports into one file, dist/src/cli/rotor-logrotate.bundle.js, which its launcher
 * runs.
 *
 * WHY: rotor-logrotate is started by cron for every pass, and a pass over a few logs takes less
 * time than node takes to resolve, read and link its ~150 ES modules one by one (about 100 ms
 * of a no-op pass here: `node dist/src/cli/rotor-logrotate-launcher.cjs --version` took
 * 0.27-0.29 s unbundled, 0.11-0.16 s bundled). What it loads only on demand (the YAML
 * config loader) stays in chunks of its own under dist/src/cli/bundle/, loaded when needed.
 */
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const cli = fileURLToPath(new globalThis.URL("../dist/src/cli/", import.meta.url));
// Chunk names carry a hash: the last build's chunks would pile up.
rmSync(`${cli}bundle`, { recursive: true, force: true });
await build({
  entryPoints: [`${cli}rotor-logrotate.js`],
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: cli,
  entryNames: "[name].bundle",
  chunkNames: "bundle/[name]-[hash]",
  sourcemap: true,
  // Bundled CommonJS dependencies (yaml) call require() for node's built-ins; an ES module
  // has no require, so each output file makes one (without it, esbuild's shim throws
  // "Dynamic require of \"process\" is not supported" when a YAML config is loaded).
  banner: { js: 'import { createRequire as __rotorCreateRequire } from "node:module"; const require = __rotorCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
