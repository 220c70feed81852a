/**
 * Reads one logrotate config file into the model: global directives change the target
 * (the globals), a block starts from a copy of them, `}` finishes the block. Errors follow
 * logrotate 3.21 (established with `logrotate -d`; test/config/logrotate-*.test.ts):
 *
 * - a bad value inside a block drops that block ("found error in …, skipping") and
 *   reading resumes after the block's `}` (see `Source.skipBlock` for which `}` that is);
 *   the file then counts as failed, so its global directives are undone once it is read
 *   (logrotate's `logerror`; a file of a directory is then "found error in file …");
 * - the same outside a block, and a few errors anywhere (bad `weekly`, no `{`, a script
 *   without `endscript`, `}` outside a block), stop reading the file: blocks already read
 *   stay, the one being read is dropped, and the globals it set are undone by the caller;
 * - unknown directives and text after `}` are only warnings.
 */
import type { LogPattern, SettingName } from "../model.js";
import { hasGlob } from "../fnmatch.js";
import { copySettings, finishSettings } from "../settings.js";
import type { Effect, Problem } from "./arguments.js";
import { lookupDirective, type Apply, type Directive } from "./directives.js";
import { verifyOlddir } from "./olddir.js";
import { problems } from "./problems.js";
import { splitWords } from "./popt.js";
import { report, type Reading, type Target } from "./reading.js";
import { isAlpha, isBlank, isSpace, Source } from "./source.js";

interface OpenBlock {
  target: Target;
  patterns: LogPattern[];
  patternText: string;
  start: number;
}

/** Thrown inside the loop to stop reading the file; caught by `parseFile`. */
class StopFile {}

/**
 * Parses `source` into `reading.model`, applying global directives to `target`.
 * Returns false where logrotate's readConfigFile fails: it stopped reading the file, or it
 * dropped a block for an error (its `logerror`). The caller then undoes the file's global
 * directives, as logrotate restores its defaults; the blocks read stay.
 *
 * @example
 * const ok = parseFile(reading, new Source("/etc/logrotate.conf", text), { settings: defaultSettings() });
 */
export function parseFile(reading: Reading, source: Source, target: Target): boolean {
  const parser = new FileParser(reading, source, target);
  try {
    parser.run();
    return !parser.droppedBlock;
  } catch (error) {
    if (error instanceof StopFile) return false;
    throw error;
  }
}

class FileParser {
  private pos = 0;
  private block: OpenBlock | null = null;
  /** A block had an error (logrotate's `logerror`): the file fails once read. */
  droppedBlock = false;

  constructor(
    private readonly reading: Reading,
    private readonly src: Source,
    private readonly target: Target,
  ) {}

  run(): void {
    const text = this.src.text;
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      if (isBlank(ch) || ch === "\n" || ch === "\r") this.pos++;
      else if (ch === "#") this.pos = this.src.lineEnd(this.pos);
      else if (isAlpha(ch)) this.directive();
      else if (ch === "/" || ch === '"' || ch === "'" || ch === "~") this.header();
      else if (ch === "}") this.close();
      else this.fail(problems.unexpectedLine(ch), this.pos, this.pos + 2);
    }
    if (this.block !== null) {
      // logrotate accepts a file that ends inside a block, silently, and keeps the block.
      this.warn(problems.missingClose(this.block.patternText), this.block.start);
      this.finish();
    }
  }

  /** The settings directives change now: the open block's, or the target's. */
  private get settings() {
    return (this.block?.target ?? this.target).settings;
  }

  private warn(problem: Problem, at: number): void {
    report(this.reading, this.src.loc(at), problem, "warning");
  }

  /**
   * Reports a problem and acts as logrotate does; `skipFrom` is where logrotate's skip of a
   * failed block starts (it depends on where its scanner stood when it saw the error).
   */
  private fail(problem: Problem, at: number, skipFrom: number, next?: number): void {
    let effect: Effect = problem.effect ?? "block";
    if (effect === "block" && this.block === null) effect = "file";
    const error = report(this.reading, this.src.loc(at), problem, effect);
    if (effect === "warning" || effect === "report") {
      this.pos = next ?? this.src.lineEnd(at);
      return;
    }
    if (effect === "file") {
      this.block = null;
      throw new StopFile();
    }
    // logrotate says so even when the end of the file leaves the block in place (below).
    if (this.block !== null) error.skippedBlock = this.block.patternText;
    this.droppedBlock = true;
    const resume = this.src.skipBlock(skipFrom);
    if (resume === null) {
      // At the end of the file logrotate never closes the skip, and keeps the failed block.
      this.finish();
      this.pos = this.src.text.length;
      return;
    }
    this.block = null;
    this.pos = resume;
  }

  private header(): void {
    const start = this.pos;
    if (this.block !== null) return this.fail(problems.nestedBlock(), start, start + 2);
    const brace = this.src.text.indexOf("{", start);
    if (brace < 0) return this.fail({ ...problems.missingOpen(), effect: "file" }, start, start);
    const patternText = this.src.text.slice(start, brace);
    const words = splitWords(patternText);
    if (words === null) return this.fail({ ...problems.badPattern(patternText), effect: "file" }, start, start);
    const patterns: LogPattern[] = [];
    const ignore = this.target.settings.ignoreduplicates;
    for (const word of words) {
      const location = this.src.loc(start + word.offset);
      const glob = hasGlob(word.text);
      // Globs are compared after expansion, at rotation time; literal paths here.
      const first = glob ? undefined : (this.reading.seen.get(word.text) ?? patterns.find((p) => p.path === word.text)?.location);
      if (first !== undefined) {
        if (!ignore) report(this.reading, location, problems.duplicate(word.text, first), "report");
        continue;
      }
      patterns.push({ path: word.text, glob, location });
    }
    this.block = { target: { settings: copySettings(this.target.settings) }, patterns, patternText, start };
    this.pos = brace + 1;
  }

  private close(): void {
    if (this.block === null) return this.fail({ ...problems.unexpectedClose(), effect: "file" }, this.pos, this.pos);
    const olddir = verifyOlddir(this.reading.options.reader, this.block.patterns, this.block.target.settings, this.reading.options.deviceOf);
    if (olddir !== null) return this.fail(olddir, this.pos, this.pos);
    this.finish();
    const after = this.src.skipBlanks(this.pos + 1);
    const ch = this.src.text[after];
    if (ch !== undefined && ch !== "\n" && ch !== "\r") {
      this.warn(problems.textAfterClose(this.src.restOfLine(after).text), after);
      this.pos = this.src.lineEnd(after);
    } else {
      this.pos = after;
    }
  }

  private finish(): void {
    const block = this.block!;
    this.block = null;
    // Registered only now: a block dropped for an error takes its paths with it, as in logrotate.
    for (const p of block.patterns) if (!p.glob && !this.reading.seen.has(p.path)) this.reading.seen.set(p.path, p.location);
    this.reading.model.logs.push({ patterns: block.patterns, patternText: block.patternText, location: this.src.loc(block.start), settings: finishSettings(block.target.settings) });
  }

  private apply(sets: SettingName[], apply: Apply, at: number): void {
    const settings = this.settings;
    apply(settings);
    for (const name of sets) settings.origins[name] = this.src.loc(at);
    finishSettings(settings);
  }

  private directive(): void {
    const start = this.pos;
    const keyEnd = this.src.wordEnd(start);
    const name = this.src.text.slice(start, keyEnd);
    const after = this.src.text[keyEnd];
    if (after !== undefined && !isSpace(after) && after !== "=") return this.fail(problems.notSeparated(name, after), start, keyEnd + 2);
    const directive = lookupDirective(name);
    if (directive === undefined) {
      this.warn(name === "endscript" ? problems.strayEndscript() : problems.unknownDirective(name), start);
      this.pos = this.src.lineEnd(start);
      return;
    }
    if (directive.kind === "value" || directive.kind === "line") return this.valued(directive, name, start, keyEnd);
    switch (directive.kind) {
      case "flag":
        this.apply(directive.sets, directive.apply, start);
        this.pos = keyEnd;
        return;
      case "deprecated":
        this.warn(problems.deprecated(name), start);
        this.pos = keyEnd;
        return;
      case "script": {
        const script = this.src.script(keyEnd);
        if (script === null) return this.fail({ ...problems.unterminatedScript(name), effect: "file" }, start, start);
        this.settings.scripts[directive.script] = script.body;
        this.settings.origins.scripts = this.src.loc(start);
        this.pos = script.after;
        return;
      }
      case "taboo":
        return this.taboo(name, directive.pattern, start, keyEnd);
      case "include":
        return this.include(start, keyEnd);
    }
  }

  private valued(directive: Extract<Directive, { kind: "value" | "line" }>, name: string, start: number, keyEnd: number): void {
    let text: string;
    let at: number;
    let next: number;
    if (directive.kind === "line") {
      const line = this.src.restOfLine(keyEnd);
      text = line.text;
      at = line.text.trim() === "" ? start : this.src.skipBlanks(keyEnd);
      next = line.next;
    } else {
      const value = this.src.value(keyEnd);
      if ("missing" in value) {
        const missing = directive.missing ?? "block";
        if (missing !== "parse") return this.fail({ ...problems.missingValue(name, directive.label), effect: missing }, start, keyEnd + 2, keyEnd);
        text = "";
        at = start;
        next = this.src.lineEnd(keyEnd);
      } else {
        ({ text, start: at, next } = value);
      }
    }
    const result = directive.parse(text, { accounts: this.reading.options.accounts });
    if (!result.ok) return this.fail(result.problem, at, next + 1, next);
    this.apply(directive.sets, result.value, start);
    this.pos = next;
  }

  private taboo(name: string, pattern: (item: string) => string, start: number, keyEnd: number): void {
    if (this.block !== null) return this.fail(problems.globalOnly(name), start, keyEnd + 2);
    const value = this.src.value(keyEnd);
    if ("missing" in value) return this.fail({ ...problems.missingValue(name, name), effect: "warning" }, start, keyEnd, keyEnd);
    const taboo = this.reading.model.taboo;
    if (!value.text.startsWith("+")) taboo.length = 0;
    const list = value.text.replace(/^\+/, "");
    for (const item of list.split(/[\s,]+/)) if (item !== "") taboo.push(pattern(item));
    this.pos = value.next;
  }

  private include(start: number, keyEnd: number): void {
    const value = this.src.value(keyEnd);
    if ("missing" in value) return this.fail({ ...problems.missingValue("include", "include"), effect: "file" }, start, keyEnd);
    this.reading.include(value.text, this.src.loc(value.start), this.block?.target ?? this.target);
    this.pos = value.next;
  }
}
