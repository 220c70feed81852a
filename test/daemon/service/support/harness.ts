/**
 * A daemon under test: rotor's YAML parsed from text, the real supervisor on the virtual
 * clock, an in-memory filesystem and state file, size triggers that poll the in-memory
 * files (their watches never fire), and every log event recorded with its virtual time.
 */
import { type ConfigModel } from "../../../../src/config/index.js";
import { parseRotorConfig } from "../../../../src/config/yaml/index.js";
import { DaemonControl, runDaemon, type DaemonOptions, type LogFields, type Logger } from "../../../../src/daemon/index.js";
import { type WatchHost } from "../../../../src/triggers/index.js";
import { MemoryFs } from "../../../rotate/support/memory-fs.js";
import { MemoryStateFs } from "../../state/support/memory-state-fs.js";

export interface LoggedEvent {
  at: number;
  level: "debug" | "info" | "warn" | "error";
  event: string;
  fields: LogFields;
}

/** The YAML text as a config model; throws with every problem if it has any. */
export function yamlModel(text: string, file = "/etc/rotor/rotor.yaml"): ConfigModel {
  const { model, errors } = parseRotorConfig(text, file);
  if (errors.length > 0) throw new Error(errors.map((error) => error.message).join("\n"));
  return model;
}

/** Polls the in-memory files: they cannot be watched, so only `check` finds size changes. */
export function memoryWatchHost(fs: MemoryFs): WatchHost {
  return {
    watch: (path) => {
      throw Object.assign(new Error(`in-memory files are not watched: ${path}`), { code: "ENOTSUP" });
    },
    async stat(path) {
      const info = await fs.lstat(path);
      return info === null ? null : { size: info.size, ino: info.ino, isFile: info.type === "file" };
    },
    readdir: (path) => fs.readdir(path),
  };
}

export function recordingLogger(events: LoggedEvent[], now: () => number): Logger {
  const emit = (level: LoggedEvent["level"]) => (event: string, fields: LogFields = {}) => events.push({ at: now(), level, event, fields });
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

export interface Harness {
  fs: MemoryFs;
  stateFs: MemoryStateFs;
  control: DaemonControl;
  events: LoggedEvent[];
  options: DaemonOptions;
  rotated(job?: string): LoggedEvent[];
}

/** Everything runDaemon needs, in memory; `load` returns the current `config.model`. */
export function createHarness(config: { model: ConfigModel }, now: () => number, extra: Partial<DaemonOptions> = {}): Harness {
  const fs = new MemoryFs({ now });
  const stateFs = new MemoryStateFs();
  const control = new DaemonControl();
  const events: LoggedEvent[] = [];
  const options: DaemonOptions = {
    load: function* () {
      return config.model;
    },
    statePath: "/var/lib/rotor/status",
    control,
    log: recordingLogger(events, now),
    fs,
    stateFs,
    watcher: memoryWatchHost(fs),
    timeZone: "UTC",
    ...extra,
  };
  const rotated = (job?: string) => events.filter((e) => e.event === "rotated" && (job === undefined || e.fields.job === job));
  return { fs, stateFs, control, events, options, rotated };
}

export { runDaemon };
