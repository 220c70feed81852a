/**
 * simulate: the real daemon, on a scratch copy, in virtual time. The same supervisor, jobs,
 * triggers and rotation engine as `rotor run` — only the clock is a VirtualClock that jumps
 * from one due time to the next, scripts are reported instead of run, and size triggers
 * poll instead of watching (file events come from the host's clock, not the virtual one);
 * the scratch copy's writes skip their fsyncs (scratch-fs.ts: nothing of it outlives the run).
 * Optionally every log grows by a fixed amount each simulated hour, so that size limits and
 * `notifempty` play their part.
 */
import { appendFile } from "node:fs/promises";
import type { ConfigModel } from "../../config/index.js";
import { DaemonControl, runDaemon, type LogFields, type Logger } from "../../daemon/index.js";
import { runCommand, type RunCommand } from "../../rotate/index.js";
import { call, run, sleep, spawn, VirtualClock, type Operation } from "../../scheduler/index.js";
import { pollingOnlyHost } from "./polling-host.js";
import { scratchFs, scratchStateFs } from "./scratch-fs.js";
import type { Scratch } from "./scratch.js";

export interface SimulationOptions {
  scratch: Scratch;
  startMs: number;
  durationMs: number;
  /** Bytes appended to every copied log each simulated hour (0: none). */
  growPerHour: number;
  /** Each event as it happens, with its virtual time. */
  onEvent: (at: number, event: string, fields: LogFields) => void;
}

export interface SimulationResult {
  rotations: number;
  errors: number;
}

const HOUR_MS = 3_600_000;

/**
 * Runs the daemon on `scratch` from `startMs` for `durationMs` of virtual time.
 *
 * @example
 * await simulate({ scratch, startMs: Date.now(), durationMs: 30 * 86_400_000, growPerHour: 1024, onEvent });
 */
export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const clock = new VirtualClock({ start: options.startMs, autojump: true });
  const result: SimulationResult = { rotations: 0, errors: 0 };
  const log = eventLogger((event, fields) => {
    if (event === "rotated") result.rotations++;
    if (event === "rotation-error" || event === "job-failed") result.errors++;
    options.onEvent(clock.wallNow(), event, fields);
  });
  const model: ConfigModel = options.scratch.model;
  const control = new DaemonControl();
  await run(
    function* () {
      const daemon = yield* spawn(
        runDaemon({
          load: function* () {
            return model;
          },
          statePath: `${options.scratch.root}/.rotor-simulate.status`,
          control,
          log,
          runCommand: scriptsReported(log),
          watcher: pollingOnlyHost,
          fs: scratchFs,
          stateFs: scratchStateFs,
        }),
        { name: "daemon" },
      );
      const grower = options.growPerHour > 0 ? yield* spawn(grow(options.scratch, options.growPerHour), { name: "grow" }) : null;
      yield* sleep(options.durationMs);
      grower?.cancel();
      control.stop();
      yield* daemon;
    },
    { clock },
  );
  return result;
}

function* grow(scratch: Scratch, bytes: number): Operation<never> {
  const line = "x".repeat(Math.max(0, bytes - 1)) + "\n";
  for (;;) {
    yield* sleep(HOUR_MS);
    for (const path of scratch.copied.values()) yield* call(appendFile(path, line));
  }
}

/** Scripts (`/bin/sh -c`) are reported, not run: a simulation must not signal real daemons. */
function scriptsReported(log: Logger): RunCommand {
  return async (file, args, options) => {
    if (file === "/bin/sh") {
      log.info("script", { script: String(args[1]).trim().split("\n")[0], args: args.slice(3).join(" ") });
      return { code: 0, signal: null, stderr: "" };
    }
    return runCommand(file, args, options);
  };
}

function eventLogger(onEvent: (event: string, fields: LogFields) => void): Logger {
  const emit = (event: string, fields: LogFields = {}) => onEvent(event, fields);
  return { debug() {}, info: emit, warn: emit, error: emit };
}
