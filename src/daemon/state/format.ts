/**
 * formatState: entries to the bytes logrotate 3.21 writes for them — the version 2 header,
 * then `"path" Y-M-D-H:M:S` per log in local time without zero padding, in logrotate's
 * hash-table order (table-order.ts). Paths are quoted; `"` and `\` are escaped with a
 * backslash and a newline is written `\n`; every other byte (tabs, quotes ', $, non-ASCII)
 * goes out as it is. All of this was compared byte for byte with the real logrotate.
 */
import { localFields, type LocalFields } from "../../rotate/local-time.js";
import { HEADER_V2 } from "./parse.js";
import { MIN_BUCKETS, writeOrder } from "./table-order.js";

export interface FormatStateOptions {
  /** IANA zone to write dates in; default the host's, as logrotate. */
  timeZone?: string;
  /**
   * Buckets of logrotate's table: `bucketCount(size of the state file as it was read)`;
   * default 64, logrotate's table for any state file under about 1 MB.
   */
  buckets?: number;
}

/**
 * A path as logrotate quotes it in the state file.
 *
 * @example
 * quotePath('/var/log/a "b".log'); // '"/var/log/a \\"b\\".log"'
 */
export function quotePath(path: string): string {
  // Nearly every path has nothing to escape: one scan instead of two replacements.
  if (!NEEDS_ESCAPE.test(path)) return `"${path}"`;
  return `"${path.replace(/["\\]/g, "\\$&").replaceAll("\n", "\\n")}"`;
}

const NEEDS_ESCAPE = /["\\\n]/;

/**
 * One line of the state file, newline included.
 *
 * @example
 * formatLine("/var/log/a.log", Date.UTC(2026, 2, 5, 7, 0, 0), "UTC"); // '"/var/log/a.log" 2026-3-5-7:0:0\n'
 */
export function formatLine(path: string, epochMs: number, timeZone?: string): string {
  return `${quotePath(path)} ${dateText(epochMs, timeZone)}\n`;
}

/**
 * The date part of a line. The last one in a named zone is kept: a pass records every log it
 * rotated at its one instant, so thousands of lines in a row share it (each a conversion
 * through the zone's formatter else). Not in the host's zone, which follows process.env.TZ.
 */
function dateText(epochMs: number, timeZone: string | undefined): string {
  if (timeZone === undefined) return fieldsText(localFields(epochMs));
  if (epochMs !== lastDate.epochMs || timeZone !== lastDate.timeZone) lastDate = { epochMs, timeZone, text: fieldsText(localFields(epochMs, timeZone)) };
  return lastDate.text;
}

const fieldsText = (f: LocalFields): string => `${f.year}-${f.month}-${f.day}-${f.hour}:${f.minute}:${f.second}`;

let lastDate: { epochMs: number; timeZone: string; text: string } = { epochMs: NaN, timeZone: "", text: "" };

/**
 * The whole state file for `entries`, whose Map order is the order logrotate would have
 * met them in (the state file's lines as read, then logs seen for the first time).
 *
 * @example
 * const text = formatState(new Map([["/var/log/a.log", now]]));
 * // "logrotate state -- version 2\n\"/var/log/a.log\" 2026-3-5-7:8:9\n"
 */
export function formatState(entries: ReadonlyMap<string, number>, options: FormatStateOptions = {}): string {
  const lines = [`${HEADER_V2}\n`];
  for (const path of writeOrder(entries.keys(), options.buckets ?? MIN_BUCKETS)) {
    lines.push(formatLine(path, entries.get(path)!, options.timeZone));
  }
  return lines.join("");
}
