/**
 * Numbers as logrotate 3.21 reads them: C's strtoul(3) on a 64-bit unsigned long, whose
 * result is then stored in an `int` — so `rotate 4294967295` is -1 and `rotate 2147483648`
 * is negative (rejected). Established with `logrotate -d` (see test/config/numbers.test.ts).
 */

const ULONG_MAX = (1n << 64n) - 1n;

export interface Strtoul {
  value: bigint;
  /** What strtoul left unread (`*endptr`): logrotate rejects the value when it is not empty. */
  rest: string;
}

function digitValue(ch: string): number {
  const code = ch.toLowerCase().charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  return 99;
}

/**
 * strtoul(text, &end, base): leading white space, an optional sign, `0x` (hex) or `0`
 * (octal) prefixes when base is 0; saturates at 2^64-1; a `-` negates modulo 2^64.
 *
 * @example
 * strtoul("010", 0);  // { value: 8n, rest: "" }
 * strtoul("08", 0);   // { value: 0n, rest: "8" }
 */
export function strtoul(text: string, base: 0 | 10): Strtoul {
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  let negative = false;
  if (text[i] === "+" || text[i] === "-") negative = text[i++] === "-";
  let radix: number = base;
  if ((base === 0) && text[i] === "0" && (text[i + 1] === "x" || text[i + 1] === "X") && digitValue(text[i + 2] ?? "") < 16) {
    radix = 16;
    i += 2;
  } else if (base === 0) {
    radix = text[i] === "0" ? 8 : 10;
  }
  const first = i;
  let value = 0n;
  let overflow = false;
  for (; i < text.length && digitValue(text[i]!) < radix; i++) {
    value = value * BigInt(radix) + BigInt(digitValue(text[i]!));
    if (value > ULONG_MAX) overflow = true;
  }
  // No digits: nothing is converted and endptr is the start of the text.
  if (i === first) return { value: 0n, rest: text };
  if (overflow) value = ULONG_MAX;
  else if (negative) value = BigInt.asUintN(64, -value);
  return { value, rest: text.slice(i) };
}

/**
 * A count as logrotate stores it: strtoul base 0, then truncated to a C `int`. Returns
 * null when strtoul leaves text unread.
 *
 * @example
 * intCount("4294967295"); // -1
 */
export function intCount(text: string): number | null {
  const { value, rest } = strtoul(text, 0);
  if (rest !== "") return null;
  return Number(BigInt.asIntN(32, value));
}

/** The units `size`, `minsize` and `maxsize` accept: exactly these letters, case matters (`1m` is refused). */
const UNITS: Record<string, bigint> = { k: 1024n, K: 1024n, M: 1024n ** 2n, G: 1024n ** 3n };

export type SizeResult = { bytes: number } | { unknownUnit: string } | { bad: string };

/**
 * A size: a strtoul number (base 0) and an optional last-letter unit k/K, M or G; no sign.
 *
 * @example
 * parseSize("100k"); // { bytes: 102400 }
 * parseSize("1m");   // { unknownUnit: "m" }
 */
export function parseSize(text: string): SizeResult {
  const last = text[text.length - 1] ?? "";
  let multiplier = 1n;
  let number = text;
  if (UNITS[last] !== undefined) {
    multiplier = UNITS[last]!;
    number = text.slice(0, -1);
  } else if (!/[0-9]/.test(last)) {
    return { unknownUnit: last };
  }
  const { value, rest } = strtoul(number, 0);
  if (rest !== "" || number.trimStart().startsWith("-")) return { bad: number };
  // logrotate multiplies in 64 bits; past 2^53 bytes the exact value no longer matters.
  return { bytes: Number(BigInt.asUintN(64, value * multiplier)) };
}
