/** Writing numbered lines to a Writable as a well-behaved producer does: waiting for `drain`. */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { numberedLine } from "./log-files.js";

/** Writes lines `first..last`, honouring backpressure; resolves with how often write() said no. */
export async function writeLines(stream: Writable, first: number, last: number, width = 40): Promise<number> {
  let refusals = 0;
  for (let n = first; n <= last; n++) {
    if (!stream.write(numberedLine(n, width))) {
      refusals++;
      await once(stream, "drain");
    }
  }
  return refusals;
}

/** Ends the stream and waits until everything is written and the file closed. */
export async function finish(stream: Writable): Promise<void> {
  stream.end();
  await once(stream, "close");
}
