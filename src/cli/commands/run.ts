/**
 * `rotor run CONFIG`: the daemon. Signals are translated here, the one place that knows
 * about the process: SIGHUP reloads the config; SIGTERM and SIGINT stop it gracefully
 * (rotations in progress finish, the state is written) and it exits 0. A second stop
 * signal is answered with a message rather than an abrupt exit: an interrupted rotation is
 * safe (its journal finishes it at the next start), but a clean stop is cheaper.
 */
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Command } from "commander";
import type { ConfigModel } from "../../config/index.js";
import { createLogger, DaemonControl, Metrics, parseMetricsAddress, runDaemon, serveMetrics, type Logger } from "../../daemon/index.js";
import { RealClock, run, spawn } from "../../scheduler/index.js";
import type { CliIO } from "../io.js";
import { collectGarbage } from "../full-collection.js";
import { loadConfig } from "../load-config.js";
import { defaultStatePath } from "../state-path.js";
import { choiceOption } from "../values.js";

interface Flags {
  state: string;
  metrics?: string;
  logFormat?: "text" | "json";
  verbose?: boolean;
  waitForStateLock?: boolean;
}

const STOP_SIGNALS = ["SIGTERM", "SIGINT"] as const;

export function defineRunCommand(program: Command, io: CliIO): void {
  program
    .command("run")
    .description("run the rotation daemon: rotate each log the moment it is due, until SIGTERM (SIGHUP reloads the config)")
    .argument("<config>", "rotor YAML (.yaml, .yml) or a logrotate config")
    .option("-s, --state <file>", "the state file (logrotate's format; locked while the daemon runs)", defaultStatePath())
    .option("--metrics <host:port>", "serve Prometheus metrics at http://HOST:PORT/metrics")
    .option("--log-format <format>", "text (default on a terminal) or json (one object per line)", choiceOption("--log-format", ["text", "json"] as const))
    .option("-v, --verbose", "log why each file is or is not rotated")
    .option("--wait-for-state-lock", "if logrotate or another rotor holds the state file, wait for it instead of exiting with 3")
    .action(async (config: string, flags: Flags) => {
      const clock = new RealClock();
      const log = createLogger({
        write: (line) => io.err(line),
        format: flags.logFormat ?? (process.stderr.isTTY ? "text" : "json"),
        now: () => clock.wallNow(),
        level: flags.verbose ? "debug" : "info",
      });
      await serve(config, flags, clock, log);
    });
}

async function serve(config: string, flags: Flags, clock: RealClock, log: Logger): Promise<void> {
  const address = flags.metrics === undefined ? null : parseMetricsAddress(flags.metrics);
  const control = new DaemonControl();
  const onReload = () => {
    log.info("reload-requested", { signal: "SIGHUP" });
    control.reload();
  };
  const onStop = (signal: string) => {
    if (control.stop()) log.info("stop-requested", { signal });
    else log.warn("already-stopping", { signal, note: "waiting for rotations in progress; SIGKILL is safe too (journals finish them at the next start)" });
  };
  // The handlers come before the config is read: a large config takes seconds to load, and
  // a SIGHUP meanwhile (a deploy's config change, a log shipper's habit) would otherwise
  // end the process, as a signal with no handler does. A reload asked for during the load
  // is served once the jobs have started; a stop makes the daemon end right after start.
  process.on("SIGHUP", onReload);
  for (const signal of STOP_SIGNALS) process.on(signal, onStop);
  try {
    // Read once before anything starts, so that a bad config fails with its problems and exit 1.
    // The daemon starts from this model rather than reading the file a second time: the
    // parse of a 10,000-job config is most of the start-up's peak memory.
    let first: ConfigModel | null = loadConfig(config);
    collectGarbage();
    await mkdir(dirname(flags.state), { recursive: true, mode: 0o755 });
    await run(
      function* () {
        const metrics = new Metrics();
        const server = address === null ? null : yield* spawn(serveMetrics(metrics, address, (port) => log.info("metrics", { url: `http://${address.host}:${port}/metrics` })), { name: "metrics" });
        try {
          const load = function* () {
            if (first !== null) {
              const model = first;
              first = null;
              return model;
            }
            // A reload: the same collection as at start, before the changed jobs are built.
            const model = loadConfig(config);
            collectGarbage();
            return model;
          };
          yield* runDaemon({ load, statePath: flags.state, stateLock: flags.waitForStateLock ? "wait" : "lock", control, log, metrics });
        } finally {
          server?.cancel();
        }
      },
      { clock },
    );
  } finally {
    process.off("SIGHUP", onReload);
    for (const signal of STOP_SIGNALS) process.off(signal, onStop);
  }
}
