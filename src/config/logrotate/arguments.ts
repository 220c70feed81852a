/**
 * The argument readers of the directive table: each turns a directive's text into a typed
 * value, or into a problem worded twice — rotor's message, and logrotate 3.21's.
 */
import { expected, type ConfigErrorCode } from "../errors.js";
import type { CreateSpec } from "../model.js";
import type { Accounts } from "../reader.js";
import { intCount, parseSize, strtoul } from "./numbers.js";
import { splitWords } from "./popt.js";

/**
 * What logrotate does after a problem: `block` drops the block (or, outside blocks, stops
 * reading the file), `file` stops reading the file, `report` is an error (exit code 1) but
 * reading goes on unchanged, `warning` reports and goes on (exit code 0).
 */
export type Effect = "block" | "file" | "report" | "warning";

export interface Problem {
  code: ConfigErrorCode;
  problem: string;
  action: string;
  logrotate: string;
  /** Default "block". */
  effect?: Effect;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export interface ArgContext {
  /** Absent: user and group names are not checked. */
  accounts?: Accounts;
}

export type ArgParser<T> = (text: string, ctx: ArgContext) => Outcome<T>;

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = <T>(problem: Problem): Outcome<T> => ({ ok: false, problem });

/**
 * A count read as logrotate reads it (strtoul, stored in an int), at least `min`.
 *
 * @example
 * count("rotate", "rotation count", -1)("abc", {}); // fails: "bad rotation count 'abc'"
 */
export function count(name: string, logrotateWhat: string, min: number, example: string): ArgParser<number> {
  return (text) => {
    const n = intCount(text);
    if (n !== null && n >= min) return ok(n);
    return fail({
      code: "ERR_CONFIG_BAD_NUMBER",
      problem: expected(name, `an integer >= ${min}`, text),
      action: `write a whole number such as \`${example}\` (decimal, 0x hex or 0 octal, as strtoul reads it)`,
      logrotate: `bad ${logrotateWhat} '${text}'`,
    });
  };
}

/** A size in bytes with an optional unit k, K, M or G (not m or g: logrotate refuses them). */
export function size(name: string): ArgParser<number> {
  return (text) => {
    const result = parseSize(text);
    if ("bytes" in result) return ok(result.bytes);
    const action = `write bytes, or a number followed at once by k, M or G, such as \`${name} 100k\``;
    if ("unknownUnit" in result) {
      return fail({ code: "ERR_CONFIG_BAD_SIZE", problem: expected(name, "a size with unit k, K, M or G", text), action, logrotate: `unknown unit '${result.unknownUnit}'` });
    }
    return fail({ code: "ERR_CONFIG_BAD_SIZE", problem: expected(name, "a size such as 100k", text), action, logrotate: `bad size '${result.bad}'` });
  };
}

/** One word of printable characters without blanks (logrotate's readPath): quotes are not removed. */
export function path(name: string, logrotateWhat: string): ArgParser<string> {
  return (text) => {
    if (!/[\s\p{Cc}]/u.test(text)) return ok(text);
    return fail({
      code: "ERR_CONFIG_BAD_PATH",
      problem: expected(name, "one path without blanks", text),
      action: "remove the blanks; logrotate takes quotes here literally, so a path with a space cannot be given",
      logrotate: `bad ${logrotateWhat} path ${text}`,
    });
  };
}

/** A mail address: printable ASCII without blanks. */
export const address: ArgParser<string> = (text) => {
  if (/^[\x21-\x7e]+$/.test(text)) return ok(text);
  return fail({ code: "ERR_CONFIG_BAD_ADDRESS", problem: expected("mail", "one address such as admin@example.org", text), action: "give a single address without blanks", logrotate: `bad mail address ${text}` });
};

/** Any text (extension, dateformat). */
export const text: ArgParser<string> = (value) => ok(value);

/** Options for the compressor, split as popt splits them. */
export const compressOptions: ArgParser<string[]> = (value) => {
  const words = value === "" ? null : splitWords(value);
  if (words !== null) return ok(words.map((word) => word.text));
  return fail({ code: "ERR_CONFIG_BAD_OPTIONS", problem: expected("compressoptions", "options such as -9", value), action: "give at least one option, or remove the line", logrotate: "invalid compression options" });
};

function unknownAccount(kind: "user" | "group", name: string): Problem {
  return {
    code: kind === "user" ? "ERR_CONFIG_UNKNOWN_USER" : "ERR_CONFIG_UNKNOWN_GROUP",
    problem: `${kind === "user" ? "User" : "Group"} \`${name}\` does not exist`,
    action: `create the ${kind} or name an existing one (a name, or a numeric id that exists)`,
    logrotate: `unknown ${kind} '${name}'`,
  };
}

function checkAccounts(ctx: ArgContext, owner: string | null, group: string | null): Problem | null {
  if (ctx.accounts && owner !== null && !ctx.accounts.hasUser(owner)) return unknownAccount("user", owner);
  if (ctx.accounts && group !== null && !ctx.accounts.hasGroup(group)) return unknownAccount("group", group);
  return null;
}

/**
 * `[mode] [owner [group]]` as logrotate's sscanf("%o %s %s") reads it: a leading octal
 * number is the mode (`0640root` is mode 0640 and owner root; `0999` is mode 0 and owner 999).
 */
export function ownerSpec(name: string): ArgParser<CreateSpec> {
  return (line, ctx) => {
    let rest = line.trimStart();
    let mode: number | null = null;
    const octal = /^[0-7]+/.exec(rest);
    if (octal) {
      mode = Number(BigInt.asUintN(32, BigInt(`0o${octal[0]}`)));
      rest = rest.slice(octal[0].length);
    }
    const words = rest.split(/\s+/).filter((word) => word !== "");
    if (words.length > 2) {
      return fail({ code: "ERR_CONFIG_EXTRA_ARGUMENTS", problem: expected(name, "at most a mode, an owner and a group", line.trim()), action: `remove \`${words.slice(2).join(" ")}\``, logrotate: `extra arguments for ${name}` });
    }
    const spec: CreateSpec = { mode, owner: words[0] ?? null, group: words[1] ?? null };
    const problem = checkAccounts(ctx, spec.owner, spec.group);
    return problem ? fail(problem) : ok(spec);
  };
}

/** `su user group`: logrotate 3.21 wants both. */
export const suSpec: ArgParser<{ user: string; group: string }> = (line, ctx) => {
  const words = line.split(/\s+/).filter((word) => word !== "");
  const missing = (what: string): Outcome<{ user: string; group: string }> =>
    fail({ code: "ERR_CONFIG_MISSING_VALUE", problem: expected("su", "a user and a group", line.trim()), action: `add the ${what}, such as \`su www-data adm\``, logrotate: `no ${what} for su` });
  if (words.length === 0) return missing("user");
  if (words.length === 1) return missing("group");
  if (words.length > 2) return fail({ code: "ERR_CONFIG_EXTRA_ARGUMENTS", problem: expected("su", "a user and a group", line.trim()), action: `remove \`${words.slice(2).join(" ")}\``, logrotate: "extra arguments for su" });
  const problem = checkAccounts(ctx, words[0]!, words[1]!);
  return problem ? fail(problem) : ok({ user: words[0]!, group: words[1]! });
};

/** `weekly [weekday]`: 0-7 in decimal, 0 when absent. A bad one stops logrotate reading the file. */
export const weekday: ArgParser<number> = (line) => {
  const trimmed = line.trim();
  if (trimmed === "") return ok(0);
  const { value, rest } = strtoul(trimmed, 10);
  const day = Number(BigInt.asIntN(32, value));
  if (rest === "" && day >= 0 && day <= 7) return ok(day);
  return fail({
    code: "ERR_CONFIG_BAD_WEEKDAY",
    problem: expected("weekly", "a weekday 0-7 (0 = Sunday, 7 = every 7 days)", trimmed),
    action: "write a day number such as `weekly 1`, or nothing for Sunday",
    logrotate: `bad weekly directive '${line}'`,
    effect: "file",
  });
};
