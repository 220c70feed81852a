/**
 * rotor's winston transport (`rotor/winston`): `new RotorTransport({ filename, size, keep })`
 * in place of `new winston.transports.File(...)` or winston-daily-rotate-file. Each
 * formatted message becomes one line of the rotating writer; `log()` calls back only when
 * the writer has room, so winston's own stream backpressure reaches the caller.
 * winston-transport is an optional peer dependency: only this module imports it.
 */
import TransportStream from "winston-transport";
import { createRotatingWriter, type RotatingWriter } from "./rotating-writer.js";
import type { RotatingWriterOptions } from "./options.js";

/** winston's transport options (level, format, ...) and the writer's; the log's path as `filename`. */
export interface RotorTransportOptions extends TransportStream.TransportStreamOptions, Omit<RotatingWriterOptions, "clock" | "splitLines"> {
  filename: string;
}

/** winston's formatted message lives under this symbol (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for("message");

/**
 * A winston transport writing through rotor's rotating writer.
 *
 * @example
 * import winston from "winston";
 * import { RotorTransport } from "rotor/winston";
 * const logger = winston.createLogger({ transports: [new RotorTransport({ filename: "/var/log/app.log", size: 10 * 1024 * 1024, keep: 5 })] });
 */
export class RotorTransport extends TransportStream {
  readonly writer: RotatingWriter;

  constructor(options: RotorTransportOptions) {
    const { filename, level, silent, handleExceptions, handleRejections, format, log: _log, logv: _logv, close: _close, ...writerOptions } = options;
    super({ level, silent, handleExceptions, handleRejections, format });
    this.writer = createRotatingWriter(filename, writerOptions);
    this.writer.on("error", (error: Error) => this.emit("error", error));
    this.writer.on("warning", (error: Error) => this.emit("warn", error));
  }

  override log(info: Record<string | symbol, unknown>, callback: () => void): void {
    const message = info[MESSAGE];
    const line = typeof message === "string" ? message : JSON.stringify(info);
    const room = this.writer.write(line.endsWith("\n") ? line : `${line}\n`);
    this.emit("logged", info);
    if (room) callback();
    else this.writer.once("drain", callback);
  }

  /** Ending the logger ends the transport: it finishes once the writer has written and closed its file. */
  override _final(callback: (error?: Error | null) => void): void {
    this.writer.end();
    this.writer.closedPromise.then(() => callback(), callback);
  }

  override close(): void {
    this.writer.end();
  }
}

export default RotorTransport;
