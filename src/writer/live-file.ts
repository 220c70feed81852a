/**
 * The live file as the writing task sees it: open for append, write a batch, fsync, and
 * rotate without stopping the writes.
 *
 * HOW a rotation goes: the writer switches to the next file, opened ahead under a staging
 * name, `.<log>.rotor-next` (as soon as the rotation before has given that name back, so
 * the switch waits on no system call), and goes on writing into it at once. Meanwhile a child task closes
 * the full file (after an fsync, if the mode asks for one: done on the write path, it
 * stalled writes at each rotation) and hands it to the rotation engine in `nocreate` mode
 * (rename chain or dated names, retention, compression: the same code as `rotor rotate`);
 * as soon as the engine has moved it, the staging file is renamed to the log's name (the
 * open descriptor follows the file), and the rest of the engine's plan (compression,
 * removals) goes on off the write path. The engine's journal fsyncs made a rotation stall
 * writes for 20 to 400 ms on a loaded machine before it worked this way.
 *
 * WHY it stays safe: if the engine does not move the log (an error), the staging file's
 * lines are appended to the log, after its own, before anything else happens to either
 * (the file then exceeds `size`: a `warning` says why). A crash leaves the staging file;
 * the next open() finishes the rotation and names it, or appends it likewise. An empty
 * staging file (the spare, or a rotation cut before its first write) holds no line: it is
 * removed, and the log's size decides the rotation again (a time boundary crossed just
 * before the crash is not rotated at again).
 */
import { posix } from "node:path";
import { FileLocks, nodeFs, rotation } from "../rotate/index.js";
import { call, Event, Semaphore, spawn, type Operation, type Task } from "../scheduler/index.js";
import { Ahead } from "./ahead.js";
import { rotateFullFile, type RotationListener } from "./full-file-rotation.js";
import { appendFileTo, closeFd, fsyncFd, openAppend, replaceSymlink } from "./node-file.js";
import type { WriterSettings } from "./options.js";

/** Where the file after a rotation is written until the engine has moved the full one. */
export function stagingPath(logPath: string): string {
  return posix.join(posix.dirname(logPath), `.${posix.basename(logPath)}.rotor-next`);
}

export class LiveFile {
  #fd: number | null = null;
  readonly #staging: string;
  readonly #locks = new FileLocks();
  readonly #compressionSlots = new Semaphore(1);
  /** Set once the last rotation's staging file has its final name, or has to be merged back. */
  #settled: Event | null = null;
  /** The last rotation (it goes on compressing and removing after the file is named). */
  #rotation: Task<void> | null = null;
  /** The staging file could not take the log's name: its lines go back after the log's. */
  mergeDue = false;
  /**
   * The next file, opened ahead under the staging name once the last rotation has named
   * its own (its descriptor, or null if that failed): the next rotation then switches
   * files without waiting on the disk. Null when none was opened.
   */
  #spare: Ahead<number | null> | null = null;
  /** The full file `switchNow()` switched away from, until its rotation starts. */
  #switched: number | null = null;

  constructor(
    readonly path: string,
    readonly settings: WriterSettings,
    readonly listener: RotationListener,
  ) {
    this.#staging = stagingPath(path);
  }

  /** Puts back a staging file left by a crash, opens the live file; returns its size. */
  *open(): Operation<number> {
    const [staging, live] = yield* call(Promise.all([nodeFs.lstat(this.#staging), nodeFs.lstat(this.path)]));
    if (staging !== null) {
      if (live === null) yield* call(nodeFs.renameNoReplace(this.#staging, this.path));
      // The crash came between the link and the unlink of the staging file's renaming.
      else if (live.dev === staging.dev && live.ino === staging.ino) yield* call(nodeFs.unlink(this.#staging));
      // A spare opened ahead, or a rotation cut before its first write: no line to place.
      // The log stays the log; its size (or the next boundary) decides the rotation again.
      else if (staging.size === 0) yield* call(nodeFs.unlink(this.#staging));
      else yield* this.#finishCutRotation();
    }
    return yield* this.#openLive();
  }

  /**
   * A crash came after the staging file was opened and before the engine moved the log (a
   * journal not yet written is discarded): the rotation was due, so it is done now, and
   * the staging file takes the log's name. Only if the engine cannot rotate are the
   * staging file's lines appended to the log.
   */
  *#finishCutRotation(): Operation<void> {
    try {
      this.listener.rotated(yield* rotation(this.path, { ...this.settings.rotation, locks: this.#locks, compressionSlots: this.#compressionSlots }));
    } catch (error) {
      this.listener.failed(error instanceof Error ? error : new Error(String(error)));
    }
    if ((yield* call(nodeFs.lstat(this.path))) === null) yield* call(nodeFs.renameNoReplace(this.#staging, this.path));
    else yield* call(appendFileTo(this.#staging, this.path));
  }

  *#openLive(): Operation<number> {
    const { fd, size } = yield* call(openAppend(this.path, this.settings.fileMode));
    this.#fd = fd;
    yield* this.#link();
    return size;
  }

  *#link(): Operation<void> {
    if (this.settings.symlink !== null) yield* call(replaceSymlink(this.settings.symlink, this.path));
  }

  /** The open descriptor of the file being written (the staging file during a rotation), or null. */
  get fd(): number | null {
    return this.#fd;
  }

  *sync(): Operation<void> {
    if (this.#fd !== null) yield* call(fsyncFd(this.#fd));
  }

  /**
   * Closes the file once the last rotation has settled (its staging file named or merged)
   * and has finished, compression included, so that the writer lock outlives it.
   */
  *close(): Operation<void> {
    if (this.#switched !== null) yield* this.rotateSwitched();
    yield* this.#settle();
    yield* this.#closeFd();
    if (this.#rotation !== null) yield* this.#rotation;
    yield* this.#dropSpare();
  }

  /** Opens the next file ahead (the staging name must be free: the last rotation settled, no merge due). */
  #openSpare(): void {
    this.#spare = new Ahead(
      openAppend(this.#staging, this.settings.fileMode, true).then(
        ({ fd }) => fd,
        // The rotation opens it itself then, and reports what goes wrong.
        () => null,
      ),
    );
  }

  /** Closes the spare file and removes it (it is empty: nothing was written to it). */
  *#dropSpare(): Operation<void> {
    const spare = this.#spare;
    this.#spare = null;
    const fd = spare === null ? null : yield* spare.outcome();
    if (fd === null) return;
    yield* call(closeFd(fd));
    yield* call(nodeFs.unlink(this.#staging));
  }

  *#closeFd(): Operation<void> {
    const fd = this.#fd;
    this.#fd = null;
    yield* this.#finishFile(fd);
  }

  /** Makes a file's lines durable as the fsync mode says, and closes it. */
  *#finishFile(fd: number | null): Operation<void> {
    if (fd === null) return;
    if (this.settings.fsync !== "never") yield* call(fsyncFd(fd));
    yield* call(closeFd(fd));
  }

  /**
   * Waits for the last rotation's staging file to be named; if it could not be, appends
   * its lines to the log and writes to the log again. Returns the bytes the live file
   * had before the writes made since the rotation (0 unless it merged).
   */
  *settle(): Operation<number> {
    return yield* this.#settle();
  }

  *#settle(): Operation<number> {
    if (this.#settled !== null) yield* this.#settled.wait();
    if (!this.mergeDue) return 0;
    this.mergeDue = false;
    yield* this.#closeFd();
    const before = (yield* call(nodeFs.lstat(this.path)))?.size ?? 0;
    yield* call(appendFileTo(this.#staging, this.path));
    yield* this.#openLive();
    return before;
  }

  /** Starts a rotation of the full file; the writes that follow go to the next one at once. */
  *rotate(): Operation<void> {
    yield* this.#settle();
    // The next file first: the full one is fsynced (as the mode says) and closed by the
    // rotation's task, off the write path, before the engine moves it.
    const full = this.#fd;
    const spare = this.#spare;
    this.#spare = null;
    this.#fd = (spare === null ? null : yield* spare.outcome()) ?? (yield* call(openAppend(this.#staging, this.settings.fileMode, true))).fd;
    yield* this.#startRotation(full);
  }

  /**
   * Switches to the spare file at once, without the task, if nothing is in the way: the
   * last rotation settled (its staging file named), the spare open, and no switch waiting
   * for `rotateSwitched()`. Returns whether it switched; the writes that follow go to the
   * next file, and the task must then call `rotateSwitched()`.
   */
  switchNow(): boolean {
    const spare = this.#spare;
    if (this.#switched !== null || this.mergeDue || (this.#settled !== null && !this.#settled.isSet) || spare === null || !spare.known || spare.value === null) return false;
    this.#switched = this.#fd;
    this.#fd = spare.value!;
    this.#spare = null;
    return true;
  }

  /** Whether `switchNow()` switched files and the rotation of the full one is still to start. */
  get switched(): boolean {
    return this.#switched !== null;
  }

  /** Starts the rotation of the file `switchNow()` left. */
  *rotateSwitched(): Operation<void> {
    const full = this.#switched;
    this.#switched = null;
    yield* this.#startRotation(full);
  }

  *#startRotation(full: number | null): Operation<void> {
    const settled = (this.#settled = new Event());
    this.#rotation = yield* spawn(
      rotateFullFile({
        path: this.path,
        staging: this.#staging,
        options: { ...this.settings.rotation, locks: this.#locks, compressionSlots: this.#compressionSlots },
        listener: this.listener,
        finishFull: () => this.#finishFile(full),
        link: () => this.#link(),
        settled,
        mergeBack: () => {
          this.mergeDue = true;
        },
        // The staging name is free again: the next file is opened now, off the write path.
        named: () => this.#openSpare(),
      }),
      { name: `rotate ${this.path}` },
    );
  }
}
