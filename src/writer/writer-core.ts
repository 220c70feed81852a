/**
 * The writer's engine, shared by its two faces (the Node Writable and the operation):
 * records go into the BatchQueue synchronously, and one task on the scheduler writes the
 * sealed batches in order, rotates at the marks between them, fsyncs as configured, and
 * tells the face when there is room again (backpressure).
 *
 * HOW the pieces run: `open()` takes the writer lock, finishes an interrupted rotation and
 * opens the live file; `run()` starts the time trigger (if any) as a child task and drains
 * the queue until `end()`, then closes the file and releases the lock. Rotations that are
 * still compressing are children too, so `run()` ends only once they are done.
 */
import { recovery, type RotationReport } from "../rotate/index.js";
import { call, Event, getLoop, spawn, type Clock, type EventLoop, type Operation, } from "../scheduler/index.js";
import type { Ahead } from "./ahead.js";
import { BatchQueue } from "./batch-queue.js";
import { LiveFile } from "./live-file.js";
import { fsyncFd, writevAll } from "./node-file.js";
import { WriterLock } from "./lock-file.js";
import type { WriterSettings } from "./options.js";
import { intervalBoundaries, TimeTrigger } from "./time-trigger.js";

/** What the core tells its face. */
export interface CoreEvents {
  /** The live file is open. */
  ready(): void;
  rotated(report: RotationReport): void;
  /** A problem that did not stop the writer (a failed rotation or compression). */
  warning(error: Error): void;
  /** Accepted bytes fell below the high-water mark. */
  room(): void;
}

/** The most one writev takes (Linux takes up to 2 GiB; this keeps one write's latency short). */
const WRITEV_BYTES = 8 * 1024 * 1024;

export class WriterCore {
  readonly queue: BatchQueue;
  readonly #wake = new Event();
  #loop: EventLoop | null = null;
  #ending = false;
  #ageArmed = false;
  #syncArmed = false;
  #syncDue = false;
  #full = false;
  /** The write under way, started by #kick(); one at a time, in order. */
  #inflight: Promise<void> | null = null;
  #writeError: Error | null = null;
  /** The task is syncing, rotating or merging: the file descriptor may change under a write. */
  #busy = false;
  readonly #trigger: TimeTrigger | null;
  #lock: WriterLock | null = null;
  /**
   * The lock check of the next rotation, started as soon as its mark is queued so that it
   * runs while the batches before the mark are written: the error it found, or null.
   */
  #lockCheck: Ahead<Error | null> | null = null;
  #file: LiveFile | null = null;

  constructor(
    readonly path: string,
    readonly settings: WriterSettings,
    readonly clock: Clock,
    readonly events: CoreEvents,
  ) {
    this.queue = new BatchQueue(
      settings.batchBytes,
      settings.size,
      settings.highWaterBytes,
      () => {
        this.#checkLockAhead();
        // With a write under way, its completion starts the next one (or wakes the task).
        if (!this.#kick() && this.#inflight === null) this.#wake.set();
      },
      () => this.#armAge(),
    );
    const { every, nextBoundary } = settings;
    const boundaries = every !== null ? intervalBoundaries(every, clock.wallNow()) : nextBoundary;
    this.#trigger = boundaries === null ? null : new TimeTrigger(clock, boundaries, () => this.queue.rotate());
  }

  /** Accepts one record; false when the accepted bytes reached the high-water mark. */
  append(record: string | Buffer): boolean {
    this.#trigger?.check();
    if (this.settings.splitLines && typeof record === "string" ? this.queue.appendLines(record) : this.queue.append(record)) return true;
    this.#full = true;
    // With a write under way, its end makes room and the batch being filled stays open to
    // be filled on; with none, the producer waits for this batch: write it now.
    if (this.#inflight === null) this.queue.seal();
    return false;
  }

  get hasRoom(): boolean {
    return this.queue.hasRoom;
  }

  /** Rotates between batches now (the time trigger, or a caller's explicit request). */
  requestRotation(): boolean {
    return this.queue.rotate();
  }

  /** Writes what was accepted, then lets `main()` finish. */
  end(): void {
    this.#ending = true;
    this.queue.seal();
    this.#wake.set();
  }

  /**
   * Takes the writer lock, finishes an interrupted rotation of the log, and opens the live
   * file; throws WriterLockedError when another writer has the log.
   */
  *open(): Operation<void> {
    this.#loop = yield* getLoop();
    this.#lock = yield* call(WriterLock.acquire(this.path));
    try {
      yield* recovery(this.path, {});
      this.#file = new LiveFile(this.path, this.settings, { rotated: (report) => this.#rotated(report), failed: (error) => this.events.warning(error) });
      this.queue.opened(yield* this.#file.open());
    } catch (error) {
      yield* call(this.#lock.release());
      throw error;
    }
    this.events.ready();
    if (!this.queue.empty) this.#armAge();
  }

  /** The writing task's body, after open(): drains the queue until end(), then closes. */
  *run(): Operation<void> {
    const file = this.#file!;
    const lock = this.#lock!;
    try {
      const trigger = this.#trigger === null ? null : yield* spawn(this.#trigger.run(), { name: `rotation times of ${this.path}` });
      try {
        yield* this.#drain(file, lock);
      } finally {
        trigger?.cancel("the writer is closing");
        yield* file.close();
      }
    } finally {
      yield* call(lock.release());
    }
  }

  *#drain(file: LiveFile, lock: WriterLock): Operation<void> {
    for (;;) {
      // It touches only the full file, so it need not wait for the write under way.
      if (file.switched) yield* file.rotateSwitched();
      if (this.#writeError !== null) throw this.#writeError;
      if (this.#inflight !== null) {
        // The writes go on from their completions; the task is woken only when it has
        // something to do (see #kick), not once per write.
        this.#wake.clear();
        yield* this.#wake.wait();
        continue;
      }
      this.#busy = true;
      try {
        if (this.#syncDue) {
          this.#syncDue = false;
          yield* file.sync();
        }
        if (file.mergeDue) this.queue.opened(yield* file.settle());
        if (this.queue.rotationNext) {
          this.queue.shift();
          const lost = yield* (this.#lockCheck ?? lock.checkAhead()).outcome();
          this.#lockCheck = null;
          if (lost !== null) throw lost;
          yield* file.rotate();
          this.#checkLockAhead();
          continue;
        }
      } finally {
        this.#busy = false;
      }
      if (this.#kick()) continue;
      if (this.#ending && this.queue.empty) return;
      this.#wake.clear();
      yield* this.#wake.wait();
    }
  }

  /**
   * Starts writing everything sealed up to the next rotation mark, in one writev, unless a
   * write is under way or the task is working on the file. Called by the task and also
   * straight from `seal()`: the task runs only when the producer yields, but a write
   * started while the producer is still filling batches goes on in the thread pool
   * meanwhile, so the disk and the producer work at once. Returns whether it started one.
   */
  #kick(): boolean {
    // A sync or a merge due waits for no write in flight: starting the next one would put it off.
    if (this.#inflight !== null || this.#busy || this.#file?.fd == null || this.#writeError !== null || this.#syncDue || this.#file.mergeDue) return false;
    if (this.queue.rotationNext && !this.#switchNow()) return false;
    const fd = this.#file.fd;
    const batches = this.queue.shiftBatches(WRITEV_BYTES);
    if (batches.length === 0) return false;
    const written = writevAll(
      fd,
      batches.map((batch) => batch.buffer.subarray(0, batch.length)),
    );
    this.#inflight = (this.settings.fsync === "always" ? written.then(() => fsyncFd(fd)) : written)
      .then(
        () => {
          this.#inflight = null;
          for (const batch of batches) this.queue.written(batch);
          if (this.settings.fsync === "interval") this.#armSync();
          if (this.#full && this.hasRoom) {
            this.#full = false;
            this.events.room();
          } else if (this.#full) {
            // Still no room, and the producer waits: what it left in the open batch goes next.
            this.queue.seal();
          }
          // The task's turn is needed only when no write goes on (a mark, a sync, a merge, the end).
          if (!this.#kick() && this.#inflight === null) this.#wake.set();
        },
        (error: Error) => {
          this.#inflight = null;
          this.#writeError = error;
          this.#wake.set();
        },
      );
    return true;
  }

  /**
   * Passes the rotation mark at the head of the queue without the task, when everything
   * it needs is known: the lock check passed and the next file is open. The task then
   * starts the rotation of the full file; the writes go on into the next one meanwhile,
   * without waiting for the task's turn.
   */
  #switchNow(): boolean {
    const check = this.#lockCheck;
    if (check === null || !check.known || check.value !== null || !this.#file!.switchNow()) return false;
    this.queue.shift();
    this.#lockCheck = null;
    this.#checkLockAhead();
    this.#wake.set();
    return true;
  }

  #checkLockAhead(): void {
    if (this.#lockCheck === null && this.#lock !== null && this.queue.rotationQueued) this.#lockCheck = this.#lock.checkAhead();
  }

  #rotated(report: RotationReport): void {
    for (const error of report.errors) this.events.warning(error);
    this.events.rotated(report);
  }

  #armAge(): void {
    if (this.#ageArmed || this.#loop === null) return;
    this.#ageArmed = true;
    this.#loop.callLater(this.settings.maxAgeMs, () => {
      this.#ageArmed = false;
      this.queue.seal();
    });
  }

  #armSync(): void {
    if (this.#syncArmed) return;
    this.#syncArmed = true;
    this.#loop!.callLater(this.settings.fsyncIntervalMs, () => {
      this.#syncArmed = false;
      this.#syncDue = true;
      this.#wake.set();
    });
  }
}
