/**
 * The contenders of `npm run bench:writer`: each opens a sink in a fresh directory that
 * rotates every 10 MiB keeping 5 versions (as far as its options allow), and the same
 * producer writes numbered lines into it, waiting for `drain` whenever write() says no.
 */
import { EventEmitter, once } from "node:events";
import { closeSync, createWriteStream, openSync, renameSync, rmSync, writeSync, existsSync } from "node:fs";
import { join } from "node:path";
import FileStreamRotator from "file-stream-rotator";
import pinoRoll from "pino-roll";
import { createStream } from "rotating-file-stream";
import { createRotatingWriter, type FsyncMode } from "../../src/index.js";

export const SIZE = 10 * 1024 * 1024;
export const KEEP = 5;

/** What the producer writes to. */
export interface Sink {
  write(line: string): boolean;
  once(event: "drain", listener: () => void): unknown;
  /** Resolves once every line is written and the file closed. */
  close(): Promise<void>;
}

export type ContenderName = "rotor" | "writeSync-batched" | "createWriteStream" | "rotating-file-stream" | "pino-roll" | "file-stream-rotator" | "discard";

export const CONTENDERS: readonly ContenderName[] = ["writeSync-batched", "rotor", "createWriteStream", "rotating-file-stream", "pino-roll", "file-stream-rotator", "discard"];

/** Contenders that write no file: nothing to count in their directories. */
export const FLOORS: ReadonlySet<ContenderName> = new Set(["discard"]);

async function ended(stream: NodeJS.WritableStream & NodeJS.EventEmitter, event = "close"): Promise<void> {
  const done = once(stream, event);
  stream.end();
  await done;
}

/**
 * The bound: lines joined into ~256 KiB strings and written with one fs.writeSync each,
 * with a plain rename chain every 10 MiB. Nothing is faster in Node; it blocks the loop.
 */
class BatchedWriteSync implements Sink {
  #fd: number;
  #size = 0;
  #parts: string[] = [];
  #bytes = 0;
  constructor(readonly path: string) {
    this.#fd = openSync(path, "a");
  }
  write(line: string): boolean {
    this.#parts.push(line);
    this.#bytes += line.length;
    if (this.#bytes >= 256 * 1024) this.#flush();
    return true;
  }
  once(): unknown {
    return this;
  }
  #flush(): void {
    if (this.#size + this.#bytes > SIZE) this.#rotate();
    writeSync(this.#fd, this.#parts.join(""));
    this.#size += this.#bytes;
    this.#parts = [];
    this.#bytes = 0;
  }
  #rotate(): void {
    closeSync(this.#fd);
    rmSync(`${this.path}.${KEEP}`, { force: true });
    for (let i = KEEP - 1; i >= 1; i--) if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    renameSync(this.path, `${this.path}.1`);
    this.#fd = openSync(this.path, "a");
    this.#size = 0;
  }
  async close(): Promise<void> {
    if (this.#bytes > 0) this.#flush();
    closeSync(this.#fd);
  }
}

/**
 * The floor of the loop-delay column: a sink that drops every line and writes nothing,
 * but answers write() as rotor's writer does with its default high-water mark (false once
 * 256 KiB are waiting, `drain` on the next turn). Its longest loop gap is what the
 * producer, the garbage collector and the machine's scheduler cost with no writer at all:
 * no writer in this process can have a shorter one.
 */
class Discard extends EventEmitter implements Sink {
  static readonly HIGH_WATER = 256 * 1024;
  #bytes = 0;
  write(line: string): boolean {
    this.#bytes += line.length;
    if (this.#bytes < Discard.HIGH_WATER) return true;
    setImmediate(() => {
      this.#bytes = 0;
      this.emit("drain");
    });
    return false;
  }
  async close(): Promise<void> {}
}

/** Opens contender `name`'s sink in `dir`. */
export async function openSink(name: ContenderName, dir: string, fsync: FsyncMode = "never"): Promise<Sink> {
  switch (name) {
    case "writeSync-batched":
      return new BatchedWriteSync(join(dir, "app.log"));
    case "discard":
      return new Discard();
    case "rotor": {
      const writer = createRotatingWriter(join(dir, "app.log"), { size: SIZE, keep: KEEP, fsync, ...JSON.parse(process.env.ROTOR_OPTS ?? "{}") });
      await once(writer, "ready");
      return Object.assign(writer, { close: () => ended(writer) });
    }
    case "createWriteStream": {
      const stream = createWriteStream(join(dir, "app.log"), { flags: "a" });
      return Object.assign(stream, { close: () => ended(stream) });
    }
    case "rotating-file-stream": {
      const stream = createStream("app.log", { path: dir, size: "10M", maxFiles: KEEP });
      return Object.assign(stream, { close: () => ended(stream, "finish") });
    }
    case "pino-roll": {
      const stream = await pinoRoll({ file: join(dir, "app"), extension: ".log", size: "10m", limit: { count: KEEP } });
      return Object.assign(stream, { close: () => ended(stream) });
    }
    case "file-stream-rotator": {
      const stream = FileStreamRotator.getStream({ filename: join(dir, "app"), extension: ".log", size: "10m", max_logs: String(KEEP + 1), audit_file: join(dir, "audit.json"), verbose: false });
      // Its write() returns nothing and it emits no `drain`: as its users do, write and go on.
      return {
        write: (line: string) => (stream.write(line), true),
        once: () => stream,
        close: () => ended(stream as unknown as NodeJS.WritableStream & NodeJS.EventEmitter, "finish"),
      };
    }
  }
}
