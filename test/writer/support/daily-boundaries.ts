/**
 * Local midnights in a time zone, from the rotation engine's local-time helpers: a
 * `nextBoundary` for the writer's tests until the calendar trigger (src/triggers) provides
 * one. Midnight is found by its local fields, so a 23- or 25-hour day comes out right.
 */
import { fromLocalFields, localFields } from "rotor";

/** The first local midnight in `timeZone` after `afterMs`. */
export function nextLocalMidnight(timeZone: string): (afterMs: number) => number {
  return (afterMs) => {
    const today = localFields(afterMs, timeZone);
    // Noon of the next day is never in a DST gap, so its date is tomorrow's whatever the offset.
    const tomorrow = localFields(fromLocalFields({ ...today, hour: 12, minute: 0, second: 0 }, timeZone) + 86_400_000, timeZone);
    return fromLocalFields({ ...tomorrow, hour: 0, minute: 0, second: 0 }, timeZone);
  };
}
