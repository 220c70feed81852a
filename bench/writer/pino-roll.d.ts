// pino-roll ships no types: what the benchmark uses of it.
declare module "pino-roll" {
  import type { Writable } from "node:stream";
  export default function pinoRoll(options: { file: string; extension?: string; size?: string; frequency?: string; limit?: { count: number } }): Promise<Writable>;
}
