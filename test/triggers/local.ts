/**
 * Helpers for trigger tests: local clock readings through Intl (the oracle the schedule
 * functions are checked against), written as "YYYY-MM-DD hh:mm:ss".
 */
import { localFields } from "../../src/rotate/index.js";

const two = (n: number): string => String(n).padStart(2, "0");

/** What a local clock in `zone` shows at `epochMs`. */
export function shows(epochMs: number, zone: string): string {
  const f = localFields(epochMs, zone);
  return `${f.year}-${two(f.month)}-${two(f.day)} ${two(f.hour)}:${two(f.minute)}:${two(f.second)}`;
}

/** The local date part of `shows`. */
export function localDate(epochMs: number, zone: string): string {
  return shows(epochMs, zone).slice(0, 10);
}

/** Epoch ms of a UTC date and time written "YYYY-MM-DDThh:mm". */
export function utc(text: string): number {
  return Date.parse(`${text}:00Z`);
}

/** The ISO text of an instant, for readable failures. */
export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
