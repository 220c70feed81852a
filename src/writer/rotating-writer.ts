/**
 * The writer's Node face: a `stream.Writable` over WriterCore, running the core's task on
 * a loop of its own. Records are strings, Buffers, or objects (written as one JSON line).
 *
 * Backpressure is real: the core accepts up to `highWaterBytes` not yet written; past
 * that the write's callback is held until the writing task has made room, so `write()`
 * returns false and `drain` follows, as with any Node stream.
 */
import { resolve } from "node:path";
import { Writable } from "node:stream";
import type { RotationReport } from "../rotate/index.js";
import { createLoop, RealClock } from "../scheduler/index.js";
import { resolveWriterOptions, type RotatingWriterOptions } from "./options.js";
import { WriterCore } from "./writer-core.js";

/** What a record may be: a string or bytes as they are, any other value as a JSON line. */
export type WriterRecord = string | Uint8Array | object;

/** A record's bytes as the core takes them. */
export function recordBytes(record: WriterRecord): string | Buffer {
  if (typeof record === "string") return record;
  if (Buffer.isBuffer(record)) return record;
  if (record instanceof Uint8Array) return Buffer.from(record.buffer, record.byteOffset, record.byteLength);
  return `${JSON.stringify(record)}\n`;
}

/**
 * A Writable that writes a log in large batches and rotates it (see createRotatingWriter).
 * Events beyond Writable's: `ready` (the live file is open), `rotation` (a RotationReport),
 * `warning` (a failed rotation or compression: writing goes on).
 *
 * @example
 * const log = new RotatingWriter("/var/log/app.log", { size: 10 * 1024 * 1024 });
 * log.on("rotation", (report) => console.log(`rotated to ${report.newest}`));
 * if (!log.write("a line\n")) await once(log, "drain");
 */
export class RotatingWriter extends Writable {
  readonly path: string;
  readonly #core: WriterCore;
  readonly #done: Promise<void>;
  #held: ((error?: Error | null) => void) | null = null;
  /** The fast path said "no room": emit `drain` when there is room again. */
  #needDrain = false;

  constructor(path: string, options: RotatingWriterOptions = {}) {
    // highWaterMark 2: the record in flight counts one, so write() returns false as soon as the core holds a callback.
    super({ objectMode: true, highWaterMark: 2 });
    this.path = resolve(path);
    const settings = resolveWriterOptions(options);
    const clock = settings.clock ?? new RealClock();
    this.#core = new WriterCore(this.path, settings, clock, {
      ready: () => this.emit("ready"),
      rotated: (report: RotationReport) => this.emit("rotation", report),
      warning: (error) => this.emit("warning", error),
      // Later, not inside the writing task's step: the callback runs the stream's (and the user's) code.
      room: () => process.nextTick(() => this.#roomAgain()),
    });
    const loop = createLoop({ clock });
    const core = this.#core;
    this.#done = loop.runUntilComplete(
      (function* () {
        yield* core.open();
        yield* core.run();
      })(),
    ).finally(() => loop.close());
    this.#done.catch((error: Error) => this.destroy(error));
  }

  /** Rotates between batches at once (false when the live file is still empty). */
  rotate(): boolean {
    return this.#core.requestRotation();
  }

  /** Resolves once everything accepted is written and the file is closed (after end()). */
  get closedPromise(): Promise<void> {
    return this.#done;
  }

  /**
   * The fast path for a string or Buffer with no callback, when nothing is queued in the
   * stream itself: straight to the core, skipping Writable's per-write bookkeeping (about a
   * third of the writer's time per line). Order is kept, since it is taken only when the
   * stream holds nothing; everything else (callbacks, objects, cork, after end) goes
   * through Writable.
   */
  override write(record: WriterRecord, encoding?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean {
    if (
      callback === undefined &&
      typeof encoding !== "function" &&
      (typeof record === "string" || Buffer.isBuffer(record)) &&
      !this.#needDrain &&
      this.#held === null &&
      this.writableLength === 0 &&
      this.writableCorked === 0 &&
      !this.writableEnded &&
      !this.destroyed
    ) {
      if (this.#core.append(record)) return true;
      this.#needDrain = true;
      return false;
    }
    // While the fast path waits for room, the answer stays no (Writable alone would count only its own buffer).
    return super.write(record, encoding as BufferEncoding, callback) && !this.#needDrain;
  }

  override _write(record: WriterRecord, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.#core.append(recordBytes(record))) callback();
    else this.#held = callback;
  }

  override _writev(chunks: Array<{ chunk: WriterRecord }>, callback: (error?: Error | null) => void): void {
    let room = true;
    for (const { chunk } of chunks) room = this.#core.append(recordBytes(chunk));
    if (room) callback();
    else this.#held = callback;
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#core.end();
    this.#done.then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Accepted records are still written: destroy() drops nothing that write() took.
    this.#core.end();
    this.#release();
    this.#done.then(
      () => callback(error),
      (failure: Error) => callback(error ?? failure),
    );
  }

  #roomAgain(): void {
    this.#release();
    if (this.#needDrain) {
      this.#needDrain = false;
      this.emit("drain");
    }
  }

  #release(): void {
    const held = this.#held;
    this.#held = null;
    held?.();
  }
}

/**
 * Opens a rotating log writer: a Node Writable that batches records into large writes,
 * rotates the file through rotor's rotation engine (by size before the batch that would
 * cross it, and/or at time boundaries), keeps and compresses versions as the engine's
 * options say, and refuses to share the file with another writer.
 *
 * @example
 * const log = createRotatingWriter("/var/log/app.log", { size: 10 * 1024 * 1024, keep: 5, compress: "gzip" });
 * log.write(`started at ${new Date().toISOString()}\n`);
 * log.write({ level: "info", msg: "an object becomes one JSON line" });
 * log.end();
 */
export function createRotatingWriter(path: string, options: RotatingWriterOptions = {}): RotatingWriter {
  return new RotatingWriter(path, options);
}
