/**
 * The writer's scheduler face: for code that runs on rotor's loop, an operation that opens
 * the writer in the current task's scope and returns a handle whose `write` suspends the
 * task while the writer's buffer is full (the operation form of backpressure).
 */
import { resolve } from "node:path";
import type { RotationReport } from "../rotate/index.js";
import { Event, getLoop, spawn, type Operation } from "../scheduler/index.js";
import { resolveWriterOptions, type RotatingWriterOptions } from "./options.js";
import { recordBytes, type WriterRecord } from "./rotating-writer.js";
import { WriterCore } from "./writer-core.js";

/** What `openRotatingWriter` returns. */
export interface WriterHandle {
  /** Accepts a record; suspends while the accepted bytes are at the high-water mark. */
  write(record: WriterRecord): Operation<void>;
  /** Rotates between batches at once (false when the live file is still empty). */
  rotate(): boolean;
  /** Writes everything accepted, closes the file and waits for rotations in progress. */
  end(): Operation<void>;
}

/** Listeners of the operation face (the Writable emits these as events). */
export interface WriterListeners {
  onRotation?: (report: RotationReport) => void;
  /** A failed rotation or compression; writing went on. Default: the loop's error report. */
  onWarning?: (error: Error) => void;
}

/**
 * Opens a rotating writer on the current loop (its clock drives batching and triggers).
 * Throws WriterLockedError here, where it can be caught, when another writer has the log.
 * The writing task is a child of the caller: end the writer before the caller's scope ends.
 *
 * @example
 * const log = yield* openRotatingWriter("/var/log/app.log", { size: 10 * 1024 * 1024, keep: 5 });
 * for (const line of lines) yield* log.write(line);
 * yield* log.end();
 */
export function* openRotatingWriter(path: string, options: Omit<RotatingWriterOptions, "clock"> & WriterListeners = {}): Operation<WriterHandle> {
  const { onRotation, onWarning, ...writerOptions } = options;
  const loop = yield* getLoop();
  const room = new Event();
  const core = new WriterCore(resolve(path), resolveWriterOptions(writerOptions), loop.clock, {
    ready: () => undefined,
    rotated: (report) => onRotation?.(report),
    warning: (error) => (onWarning ? onWarning(error) : loop.reportError(error, `rotating writer of ${path}`)),
    room: () => room.set(),
  });
  yield* core.open();
  const task = yield* spawn(core.run(), { name: `rotating writer of ${path}` });
  return {
    *write(record) {
      if (core.append(recordBytes(record))) return;
      while (!core.hasRoom) {
        room.clear();
        yield* room.wait();
      }
    },
    rotate: () => core.requestRotation(),
    *end() {
      core.end();
      yield* task;
    },
  };
}
