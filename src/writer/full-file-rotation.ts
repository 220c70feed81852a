/**
 * One rotation of the writer's full file, as a task (live-file.ts starts it once the
 * writes go to the staging file): close the full file (after an fsync, if the mode asks
 * for one), hand it to the rotation engine in `nocreate` mode, and as soon as the engine
 * has moved it, give the staging file the log's name in a child task, while the engine's
 * plan goes on (compression, removals).
 *
 * WHY the naming waits for the step after the log's rename rather than for the engine's
 * end: the engine's later steps (a compression) can take long, and the next rotation
 * cannot use the staging name before this one has given it back.
 */
import { call, Event, spawn, type Operation } from "../scheduler/index.js";
import { nodeFs, rotation, type RotateFileOptions, type RotationReport, type Step } from "../rotate/index.js";

/** What the writer is told about rotations. */
export interface RotationListener {
  rotated(report: RotationReport): void;
  /** A rotation that failed without stopping the writer: it goes on in the same file. */
  failed(error: Error): void;
}

export interface FullFileRotation {
  path: string;
  staging: string;
  /** The engine's options (the writer's locks and compression slots included). */
  options: RotateFileOptions;
  listener: RotationListener;
  /** Makes the full file's lines durable as the fsync mode says, and closes it. */
  finishFull(): Operation<void>;
  /** Points the symlink, if any, at the log. */
  link(): Operation<void>;
  /** Set once the staging file has the log's name, or has to be merged back. */
  settled: Event;
  /** The staging file could not take the log's name: its lines go back after the log's. */
  mergeBack(): void;
  /** The staging name is free again (told after `settled` is set). */
  named(): void;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * The rotation's task body.
 *
 * @example
 * this.#rotation = yield* spawn(rotateFullFile({ path, staging, options, listener, finishFull, link, settled, mergeBack, named }));
 */
export function* rotateFullFile(rotating: FullFileRotation): Operation<void> {
  const { path, staging, listener, settled } = rotating;
  const moved = new Event();
  let renaming = false;
  // onStep is told of a step just before it runs, so the step after the live log's
  // rename means the rename is done: from there on the name is free for the next file.
  const onStep = (step: Step): void => {
    if (renaming) moved.set();
    if (step.kind === "rename" && step.from === path) renaming = true;
  };
  yield* rotating.finishFull();
  yield* spawn(
    (function* (): Operation<void> {
      yield* moved.wait();
      let named = false;
      try {
        if (!renaming) throw new Error("the engine did not move the log");
        yield* call(nodeFs.renameNoReplace(staging, path));
        named = true;
        yield* rotating.link();
      } catch (error) {
        // A symlink that could not be replaced is reported; the file is named all the same.
        if (named) listener.failed(asError(error));
        else rotating.mergeBack();
      } finally {
        settled.set();
      }
      if (named) rotating.named();
    })(),
    { name: `name the next file of ${path}` },
  );
  try {
    listener.rotated(yield* rotation(path, { ...rotating.options, onStep }));
  } catch (error) {
    listener.failed(asError(error));
  } finally {
    moved.set();
  }
}
