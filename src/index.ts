/**
 * rotor: a cooperative task scheduler for TypeScript generators (what asyncio is for
 * Python coroutines), and the log-rotation engine built on it.
 */
export * from "./scheduler/index.js";
export * from "./rotate/index.js";
export * from "./triggers/index.js";
export * from "./writer/index.js";
