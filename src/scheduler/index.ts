/**
 * rotor's scheduler: generator functions become tasks on one event loop. This layer
 * depends on nothing but the JavaScript runtime (see host.ts) and could be published alone.
 */
export type { Operation, OperationResult } from "./operation.js";
export { isOperation } from "./operation.js";
export { yieldNow } from "./instructions.js";
export { getLoop } from "./current.js";
export { run, type RunOptions } from "./run.js";
export { EventLoop, createLoop, type LoopOptions } from "./loop.js";
export type { TaskInfo } from "./introspection.js";
export { Handle } from "./handle.js";
export { Task } from "./task.js";
export type { TaskOptions, TaskState } from "./task-contracts.js";
export { RealClock, VirtualClock, type Clock, type VirtualClockOptions } from "./clock.js";
export {
  SchedulerError,
  CancelledError,
  TimeoutError,
  InvalidStateError,
  LoopClosedError,
  QueueClosedError,
  isCancelled,
} from "./errors.js";
export { sleep, sleepUntil } from "./operations/sleep.js";
export { call } from "./operations/call.js";
export { spawn } from "./operations/spawn.js";
export { all } from "./operations/all.js";
export { race } from "./operations/race.js";
export { timeout } from "./operations/timeout.js";
export { shield } from "./operations/shield.js";
export { suspend } from "./operations/suspend.js";
export { Event } from "./sync/event.js";
export { Lock } from "./sync/lock.js";
export { Semaphore } from "./sync/semaphore.js";
export { Condition } from "./sync/condition.js";
export { Queue } from "./sync/queue.js";
export { prime } from "./prime.js";
export { Trace, createTrace, type TraceEvent, type TraceOptions } from "./trace.js";
