/**
 * Parsers for command-line values, each throwing a CliError in the one message template:
 * ``Expected `--keep` to be an integer >= -1, got `x` ``.
 */
import { CliError } from "./errors.js";

function expected(option: string, what: string, value: string): CliError {
  return new CliError(`Expected \`${option}\` to be ${what}, got \`${value}\``, { exitCode: 2, showUsage: true });
}

export function integerOption(option: string, min: number): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value) || Number(value) < min) throw expected(option, `an integer >= ${min}`, value);
    return Number(value);
  };
}

/** logrotate's sizes: bytes, or k / M / G (powers of 1024), as in `size 100k`. */
export function sizeOption(option: string): (value: string) => number {
  return (value) => {
    const match = /^(\d+)([kKmMgG]?)$/.exec(value);
    if (!match) throw expected(option, "a size such as 500, 100k, 10M or 1G", value);
    const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as "" | "k" | "m" | "g"];
    return Number(match[1]) * unit;
  };
}

/** A file mode in octal, as chmod takes it: 640, 0640. */
export function modeOption(option: string): (value: string) => number {
  return (value) => {
    if (!/^0?[0-7]{3,4}$/.test(value)) throw expected(option, "an octal file mode such as 0640", value);
    return parseInt(value, 8);
  };
}

export function choiceOption<T extends string>(option: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) throw expected(option, `one of ${choices.join(", ")}`, value);
    return value as T;
  };
}
