/**
 * The filesystem of a simulation's scratch copy: the real one (nodeFsDirect: metadata calls
 * on the loop's thread), with the durable writes made without their fsyncs.
 *
 * WHY: the scratch copy lives in /dev/shm (or a temp directory) and is removed when the
 * simulation ends, so no crash can ever read it back; a fsync there buys nothing. A
 * rotation's journal makes about twenty of them, each a trip through the thread pool, and
 * they were most of the time of `rotor simulate` (10 ms a rotation: 30 days of a 30-second
 * job took most of an hour). Blocking calls are fine here too: a simulation serves no
 * watch, signal or socket while it runs.
 */
import { appendFileSync, chmodSync, constants, openSync, closeSync, writeSync } from "node:fs";
import { nodeFsDirect, type RotateFs } from "../../rotate/index.js";

const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = constants;

/**
 * @example
 * yield* runDaemon({ ..., fs: scratchFs });
 */
export const scratchFs: RotateFs = {
  ...nodeFsDirect,
  async writeNewDurable(path, data, mode) {
    const fd = openSync(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
    try {
      chmodSync(path, mode); // exactly `mode`, as nodeFs does: open's is filtered by the umask
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
  },
  async appendDurable(path, data) {
    appendFileSync(path, data, { flag: "a" });
  },
  async fsyncDir() {},
};
