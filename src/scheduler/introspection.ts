/** `loop.tasks()`: what every live task is doing, for debugging a program that hangs. */
import type { TaskState } from "./task-contracts.js";
import type { Task } from "./task.js";

/** One line of `loop.tasks()`. */
export interface TaskInfo {
  id: number;
  name: string;
  state: TaskState;
  /** What the task waits on, when waiting or finishing. */
  waitingOn: string | null;
  /** The parent's name, or null for a root task. */
  parent: string | null;
}

/** The tasks under `roots`, each parent before its children, oldest first. */
export function describeTasks(roots: Iterable<Task<unknown>>): TaskInfo[] {
  const infos: TaskInfo[] = [];
  const visit = (task: Task<unknown>): void => {
    infos.push({ id: task.id, name: task.name, state: task.state, waitingOn: task.describeWait(), parent: task.parent?.name ?? null });
    for (const child of task.children()) visit(child);
  };
  for (const root of roots) visit(root);
  return infos;
}
