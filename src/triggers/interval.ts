/**
 * Intervals written as people write them in configs: "30s", "15m", "6h", "1d", "500ms",
 * and sums such as "1h30m". A bare number is refused: "30" could mean seconds or minutes,
 * and guessing wrong rotates a log sixty times too often.
 */
import { expected } from "./errors.js";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** One part: a number (decimals allowed) and its unit; `ms` before `m` so the longest unit wins. */
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/y;

const ACTION = "write a number followed by a unit (ms, s, m, h, d, w), such as `30s`, `15m` or `1h30m`";

/**
 * The length in milliseconds of an interval such as "30s" or "1h30m". `name` is what an
 * error message calls the value (a config key, a command-line option).
 *
 * @example
 * parseInterval("1h30m"); // 5_400_000
 * parseInterval("500ms"); // 500
 */
export function parseInterval(text: string, name = "interval"): number {
  if (typeof text !== "string") throw expected("ERR_TRIGGER_BAD_INTERVAL", name, "a duration such as `30s`", text, ACTION);
  const source = text.trim();
  let total = 0;
  let index = 0;
  PART.lastIndex = 0;
  while (index < source.length) {
    PART.lastIndex = index;
    const match = PART.exec(source);
    if (match === null) break;
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    index = PART.lastIndex;
  }
  if (source.length === 0 || index !== source.length) {
    throw expected("ERR_TRIGGER_BAD_INTERVAL", name, "a duration such as `30s`", text, ACTION);
  }
  const ms = Math.round(total);
  if (!(ms >= 1) || !Number.isSafeInteger(ms)) {
    throw expected("ERR_TRIGGER_BAD_INTERVAL", name, "a duration of at least 1 ms", text, ACTION);
  }
  return ms;
}

/**
 * An interval as people read it, in the largest units that divide it: "every 30s",
 * "every 1h30m".
 *
 * @example
 * describeInterval(5_400_000); // "every 1h30m"
 */
export function describeInterval(ms: number): string {
  let rest = ms;
  let text = "";
  for (const unit of ["d", "h", "m", "s", "ms"]) {
    const size = UNIT_MS[unit]!;
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return `every ${text || "0ms"}`;
}
