/**
 * What a Task agrees on with the others: the loop that hosts it, the groups (all, race,
 * timeout) that collect its outcome, and the names its users see.
 */
import type { Task } from "./task.js";

/** What a task's owner loop provides to it. */
export interface TaskHost {
  enqueue(task: Task<unknown>): void;
  rootFinished(task: Task<unknown>): void;
  reportUnobservedFailure(task: Task<unknown>): void;
}

/** Receives a child's settlement instead of the parent (all, race, timeout). */
export interface ChildCollector {
  childDone(child: Task<unknown>): void;
}

export type TaskState = "pending" | "ready" | "running" | "waiting" | "finishing" | "succeeded" | "failed" | "cancelled";

export interface TaskOptions {
  /** Shown by `loop.tasks()` and in error reports; defaults to `task-<id>`. */
  name?: string;
}
