/**
 * The live file as the writing task sees it: open for append, write a batch, fsync, and
 * rotate. A rotation closes the file and hands it to the rotation engine in `nocreate`
 * mode (rename chain or dated names, retention, compression: the same code as `rotor
 * rotate`); the writer opens the next file as soon as the engine has moved the old one,
 * and the rest of the engine's plan (compression, removals) goes on in a child task, off
 * the write path.
 */
import { FileLocks, rotation, type RotationReport, type Step } from "../rotate/index.js";
import { call, Event, Semaphore, spawn, type Operation } from "../scheduler/index.js";
import { closeFd, fsyncFd, openAppend, replaceSymlink, writeAll } from "./node-file.js";
import type { WriterSettings } from "./options.js";

/** What the writer is told about rotations. */
export interface RotationListener {
  rotated(report: RotationReport): void;
  /** A rotation that failed without stopping the writer: it goes on in the same file. */
  failed(error: Error): void;
}

export class LiveFile {
  #fd: number | null = null;
  readonly #locks = new FileLocks();
  readonly #compressionSlots = new Semaphore(1);

  constructor(
    readonly path: string,
    readonly settings: WriterSettings,
    readonly listener: RotationListener,
  ) {}

  /** Opens the live file (creating it), points the symlink at it; returns its size. */
  *open(): Operation<number> {
    const { fd, size } = yield* call(openAppend(this.path, this.settings.fileMode));
    this.#fd = fd;
    if (this.settings.symlink !== null) yield* call(replaceSymlink(this.settings.symlink, this.path));
    return size;
  }

  *write(buffer: Buffer, length: number): Operation<void> {
    yield* call(writeAll(this.#fdOrThrow(), buffer, length));
    if (this.settings.fsync === "always") yield* call(fsyncFd(this.#fdOrThrow()));
  }

  *sync(): Operation<void> {
    if (this.#fd !== null) yield* call(fsyncFd(this.#fd));
  }

  *close(): Operation<void> {
    if (this.#fd === null) return;
    if (this.settings.fsync !== "never") yield* this.sync();
    const fd = this.#fd;
    this.#fd = null;
    yield* call(closeFd(fd));
  }

  /**
   * Rotates the live file and opens the next one; returns the size of the file opened
   * (0, or the old file's size when the rotation failed and writing goes on in it).
   */
  *rotate(): Operation<number> {
    yield* this.close();
    const moved = new Event();
    const { path, listener } = this;
    let renamed = false;
    // onStep is told of a step just before it runs, so the step after the live log's
    // rename means the rename is done: from there on the name is free for the next file.
    const onStep = (step: Step): void => {
      if (renamed) moved.set();
      if (step.kind === "rename" && step.from === path) renamed = true;
    };
    const options = { ...this.settings.rotation, locks: this.#locks, compressionSlots: this.#compressionSlots, onStep };
    yield* spawn(
      (function* (): Operation<void> {
        try {
          listener.rotated(yield* rotation(path, options));
        } catch (error) {
          listener.failed(error instanceof Error ? error : new Error(String(error)));
        } finally {
          moved.set();
        }
      })(),
      { name: `rotate ${path}` },
    );
    yield* moved.wait();
    return yield* this.open();
  }

  #fdOrThrow(): number {
    if (this.#fd === null) throw new Error(`${this.path}: the live file is not open`);
    return this.#fd;
  }
}
