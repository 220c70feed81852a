/**
 * `-l syslog`: rotor-logrotate's messages to the system log, as logrotate 3.21 sends them
 * (captured on a /dev/log socket, docs/logrotate-behaviour.md 17b): tag `logrotate`, no pid,
 * facility user, debug lines at info (`<14>`) and errors at err (`<11>`), an error without its
 * `error: ` prefix. Node cannot open a unix datagram socket, so one `logger` process (util-
 * linux) takes the lines on stdin, each with its priority prefix, in order. Without a syslog
 * daemon (no /dev/log) nothing is logged and nothing is said, as with logrotate.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface LineSink {
  write(level: "debug" | "error", line: string): void;
  /** Waits until every line is handed over. */
  close(): Promise<void>;
}

/**
 * A sink that hands lines to `logger`; started at the first line.
 *
 * @example
 * const syslog = createSyslogSink();
 * syslog.write("error", "stat of /x failed: No such file or directory");
 * await syslog.close();
 */
export function createSyslogSink(command = "logger"): LineSink {
  let child: ChildProcess | null = null;
  let done: Promise<void> = Promise.resolve();
  return {
    write(level, line) {
      if (line === "") return; // logger would send an empty message
      if (child === null) {
        child = spawn(command, ["-t", "logrotate", "--prio-prefix", "--socket-errors=off"], { stdio: ["pipe", "ignore", "ignore"] });
        const started = child;
        done = new Promise((resolve) => {
          started.once("error", () => resolve());
          started.once("close", () => resolve());
        });
        started.stdin!.on("error", () => {}); // a logger that is missing or gone: syslog is best effort
      }
      child.stdin!.write(`<${level === "error" ? 11 : 14}>${line}\n`);
    },
    async close() {
      child?.stdin!.end();
      await done;
    },
  };
}
