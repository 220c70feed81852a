/** Where commands write, and the wall clock they show times from, injected so that tests capture and pin them. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Wall-clock epoch ms (default Date.now): `rotor check` and `status` count from it. */
  now?(): number;
}

/**
 * The CLI's wall clock: the injected one, else the host's.
 *
 * @example
 * const now = wallNow(io);
 */
export function wallNow(io: CliIO): number {
  return io.now ? io.now() : Date.now();
}
