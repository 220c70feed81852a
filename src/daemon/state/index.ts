/**
 * The state file: when each log was last rotated, in logrotate 3.21's format, so that rotor
 * and logrotate can read each other's. Pure parsing and formatting, atomic I/O through an
 * injected StateFs, a lock with logrotate's three modes, and StateStore tying them together.
 *
 * Where rotor differs from logrotate 3.21 on purpose (each explained where it is done):
 * - a bad line is reported and skipped; logrotate stops there and loses what follows (parse.ts);
 * - the file is written after each rotation, fsyncs its directory, and has mode 0600
 *   where logrotate's is 0640 (io.ts, store.ts);
 * - the lock is a lock file `<state>.lock`, not an flock; an flock that logrotate holds is
 *   still noticed through flock(1) (lock-file.ts, node-state-fs.ts).
 */
export { parseState, HEADER_V1, HEADER_V2, type ParsedState, type ParseStateOptions, type StateProblem } from "./parse.js";
export { formatState, formatLine, quotePath, type FormatStateOptions } from "./format.js";
export { bucketCount, bucketOf, writeOrder, MIN_BUCKETS } from "./table-order.js";
export { localFields, fromLocalFields, startOfLocalHour, type LocalFields } from "../../rotate/local-time.js";
export { readState, writeState, writeStateText, STATE_MODE, type ReadState, type ReadStateOptions, type WriteStateOptions } from "./io.js";
export { lockState, StateLock, type LockStateOptions, type StateLockMode } from "./lock.js";
export { StateStore, type StateStoreOptions } from "./store.js";
export type { StateFs, FlockProbe } from "./state-fs.js";
export { nodeStateFs } from "./node-state-fs.js";
export type { LineProblem } from "./problems.js";
export { describeHolder, StateError, StateLockError, StateLockedError, StateReadError, StateWriteError, type LockHolder } from "./errors.js";
