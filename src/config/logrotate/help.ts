/**
 * Help text generated from the directive table, so that the documentation cannot drift
 * from what the parser accepts.
 */
import { DIRECTIVES, type Directive } from "./directives.js";

const SYNTAX: Record<Directive["kind"], string> = {
  flag: "",
  value: " VALUE",
  line: " [ARGS]",
  script: " … endscript",
  include: " PATH",
  taboo: " [+] LIST",
  deprecated: "",
};

/**
 * One line per directive: `name ARGS — description`, in the table's order.
 *
 * @example
 * directiveHelp().find((line) => line.startsWith("rotate ")); // "rotate VALUE — Versions to keep; …"
 */
export function directiveHelp(): string[] {
  return Object.entries(DIRECTIVES).map(([name, directive]) => `${name}${SYNTAX[directive.kind]} — ${directive.description}`);
}
