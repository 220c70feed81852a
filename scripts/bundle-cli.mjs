/**
 * `npm run build` (after tsc): bundles the `rotor-logrotate` entry (dist/src/cli/rotor-logrotate.js)
 * and everything it imports into one CommonJS file, dist/src/cli/rotor-logrotate.bundle.cjs,
 * then makes V8's code cache for it (rotor-logrotate.bundle.cache) by running one small pass
 * with the launcher, which runs the bundle with that cache.
 *
 * WHY: rotor-logrotate is started by cron for every pass, and a pass over a few logs takes less
 * time than node takes to resolve, read and link its ~150 ES modules one by one (about 100 ms
 * of a no-op pass here: `node dist/src/cli/rotor-logrotate-launcher.cjs --version` took
 * 0.27-0.29 s unbundled, 0.11-0.16 s bundled). The code cache then spares each start the
 * compilation of the functions a pass runs. CommonJS, because a code cache can be given only
 * to a script (vm.Script), not to an ES module, on node 20. The YAML loader, which an ES
 * bundle kept in a chunk of its own, is inside, behind a function that runs only when a YAML
 * config is loaded.
 */
import { spawnSync } from "node:child_process";
import process from "node:process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const cli = fileURLToPath(new globalThis.URL("../dist/src/cli/", import.meta.url));
// What earlier builds left: the ES bundle and its chunks, the last cache (made for another bundle).
for (const old of ["bundle", "rotor-logrotate.bundle.js", "rotor-logrotate.bundle.js.map", "rotor-logrotate.bundle.cache"]) rmSync(`${cli}${old}`, { recursive: true, force: true });
await build({
  entryPoints: [`${cli}rotor-logrotate.js`],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outfile: `${cli}rotor-logrotate.bundle.cjs`,
  sourcemap: true,
  // A quarter less to read at each start (907 → 667 KB); names stay, for stack traces, and the
  // source map has the lines.
  minifyWhitespace: true,
  // version.ts finds package.json from its own URL: in the bundle, the bundle's.
  define: { "import.meta.url": "__rotorBundleUrl" },
  banner: { js: 'const __rotorBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
});

// The code cache: one forced pass over a few logs, compressed, with the launcher writing the
// cache of what it compiled when the pass ends. Without it (a failure here), the bundle runs
// as well, only compiled at each start.
const scratch = mkdtempSync(join(tmpdir(), "rotor-code-cache-"));
try {
  mkdirSync(join(scratch, "logs"));
  for (let i = 0; i < 8; i++) writeFileSync(join(scratch, "logs", `app${i}.log`), "a line\n".repeat(100));
  writeFileSync(join(scratch, "conf"), `${join(scratch, "logs")}/*.log {\n  daily\n  rotate 2\n  compress\n  missingok\n}\n`);
  const made = spawnSync(process.execPath, [`${cli}rotor-logrotate-launcher.cjs`, "-f", "-s", join(scratch, "state"), join(scratch, "conf")], {
    env: { ...process.env, ROTOR_WRITE_CODE_CACHE: "1" },
    encoding: "utf8",
  });
  if (made.status !== 0) globalThis.console.warn(`bundle-cli: no code cache (the pass that makes it exited ${made.status}): ${made.stderr}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
