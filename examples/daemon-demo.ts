/**
 * `npm start`: the seed's `main()` as rotor runs it in production — its four jobs in a
 * rotor YAML config, run by the real daemon (the same code as `rotor run`) on a scratch
 * directory, while a writer task on the same loop appends a line to each file every
 * 200 ms. Each rotation is printed as it happens, with the versions now on disk. Ctrl-C
 * stops it the way SIGTERM stops the daemon: rotations in progress finish first.
 *
 *     file1: every 30 s, keep 3          file3: when it passes 1024 bytes, keep 3
 *     file2: every 20 s, keep 5          file4: daily at midnight, keep 5
 */
import { appendFileSync, chmodSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { loadConfig } from "../src/cli/load-config.js";
import { createLogger, DaemonControl, runDaemon } from "../src/daemon/index.js";
import { RealClock, run, sleep, spawn, type Operation } from "../src/scheduler/index.js";

const dir = mkdtempSync(join(tmpdir(), "rotor-demo-"));
const config = join(dir, "rotor.yaml");
const FILES = ["file1.log", "file2.log", "file3.log", "file4.log"];

writeFileSync(
  config,
  `# The seed's four jobs (rotor YAML; paths are relative to this file).
jobs:
  file1: { path: file1.log, every: 30s, keep: 3 }
  file2: { path: file2.log, every: 20s, keep: 5 }
  file3: { path: file3.log, size: 1024, check: 60s, keep: 3 }
  file4: { path: file4.log, daily: true, at: "00:00", keep: 5 }
`,
);
// rotor refuses a config that others may write to; a umask of 0002 would make it so.
chmodSync(config, 0o644);
for (const file of FILES) writeFileSync(join(dir, file), "");

/** The seed's log writers: one line per file every 200 ms. */
function* writer(): Operation<never> {
  for (let n = 1; ; n++) {
    for (const file of FILES) appendFileSync(join(dir, file), `${new Date(clock.wallNow()).toISOString()} ${file} line ${n}\n`);
    yield* sleep(200);
  }
}

const clock = new RealClock();
const say = (line: string) => console.log(line);
const log = createLogger({
  format: "text",
  now: () => clock.wallNow(),
  write: (line) => {
    say(line);
    const rotated = /\brotated job=\S+ log=(\S+)/.exec(line);
    if (rotated) {
      const log = rotated[1]!;
      const versions = readdirSync(dirname(log)).filter((name) => name.startsWith(`${basename(log)}.`)).sort();
      say(`    versions of ${basename(log)}: ${versions.join(" ")}`);
    }
  },
});

const control = new DaemonControl();
process.on("SIGINT", () => control.stop());
process.on("SIGTERM", () => control.stop());
say(`rotor demo in ${dir} (config ${config}); Ctrl-C to stop`);
await run(
  function* () {
    const appender = yield* spawn(writer(), { name: "writer" });
    try {
      yield* runDaemon({ load: function* () { return loadConfig(config); }, statePath: join(dir, "status"), control, log });
    } finally {
      appender.cancel();
    }
  },
  { clock },
);
say(`stopped; the files are still in ${dir}`);
