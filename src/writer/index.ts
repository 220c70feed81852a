/** rotor's in-process rotating writer: a Node Writable (and an operation) over the rotation engine. */
export { createRotatingWriter, RotatingWriter, type WriterRecord } from "./rotating-writer.js";
export { resolveWriterOptions, type RotatingWriterOptions, type WriterSettings, type FsyncMode } from "./options.js";
export { intervalBoundaries } from "./time-trigger.js";
export { writerLockPath } from "./lock-file.js";
export { WriterError, WriterLockedError, WriterLockLostError } from "./errors.js";
export { openRotatingWriter, type WriterHandle, type WriterListeners } from "./writer-operation.js";
