/** Instants as people read them in rotor's output: `2026-11-25 00:00:00` in a given zone. */
import { localFields } from "../rotate/index.js";

/**
 * @example
 * formatLocal(Date.UTC(2026, 10, 25), "Europe/Paris"); // "2026-11-25 01:00:00"
 */
export function formatLocal(epochMs: number, timeZone?: string): string {
  const f = localFields(epochMs, timeZone);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${f.year}-${p(f.month)}-${p(f.day)} ${p(f.hour)}:${p(f.minute)}:${p(f.second)}`;
}
