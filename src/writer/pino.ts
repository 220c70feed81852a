/**
 * rotor's pino transport (`rotor/pino`): pino runs it in a worker thread and writes its
 * lines to the rotating writer, so a program that used pino-roll changes one line.
 * pino is not a dependency of rotor: this module only returns a stream for pino's worker.
 */
import { once } from "node:events";
import { createRotatingWriter, type RotatingWriter } from "./rotating-writer.js";
import type { RotatingWriterOptions } from "./options.js";

/** The transport's options: the writer's, and the log's path as `file` (as pino-roll has it). */
export interface PinoRotorOptions extends Omit<RotatingWriterOptions, "clock" | "splitLines"> {
  file: string;
}

/**
 * Builds the transport's stream; pino calls it with the `options` of its transport config.
 * It resolves once the log is open, so a refusal (another writer) fails pino's start.
 *
 * @example
 * import pino from "pino";
 * const logger = pino(pino.transport({ target: "rotor/pino", options: { file: "/var/log/app.log", size: 10 * 1024 * 1024, keep: 5 } }));
 */
export default async function pinoTransport(options: PinoRotorOptions): Promise<RotatingWriter> {
  const { file, ...writerOptions } = options;
  // A chunk from pino's worker holds many lines: a rotation may fall between any two.
  const writer = createRotatingWriter(file, { ...writerOptions, splitLines: true });
  await once(writer, "ready");
  return writer;
}
