/**
 * Reading a long `jobs:` map a piece at a time. WHY: the YAML library builds the whole
 * file's syntax tree (CST) before its document, and holds both while it composes: for a
 * config of 10,000 one-line jobs that is about 75 MB at once, most of a daemon's peak
 * memory, for a model of 15 MB. Composed in pieces of a few hundred jobs, the file's tree
 * never exists whole.
 *
 * HOW: one text (the skeleton) holds everything but the jobs' lines; each other text (a
 * piece) holds the `jobs:` line and a run of jobs. Each text is the file with a part cut
 * out, so once composed, the ranges of its nodes are moved to the file's offsets
 * (document.ts), and every node's range is the file's own: the file's LineCounter (document.ts)
 * gives every message its line:column, and a scalar's source is sliced from the file.
 *
 * Only a plain shape is split; anything else is read whole, as before: `jobs:` alone on its
 * line at column 0, its entries indented by spaces at one depth, no document markers or
 * directives, no tab in an indentation, and nothing that may be an anchor or an alias
 * (which may join two pieces). A piece that reads with a syntax error also sends the file to
 * be read whole (document.ts), so a split never changes what is reported.
 */

/**
 * A part of the file as a YAML text: `text` is `cut` characters of the file from `start`,
 * then the file from `resume` on — an offset `o` in it is `start + o` in the file before
 * `cut`, and `resume + o - cut` from there.
 */
export interface FilePart {
  text: string;
  start: number;
  cut: number;
  resume: number;
}

/** A split file: `skeleton` without the jobs, `pieces` each with the `jobs:` line and some of them. */
export interface JobPieces {
  skeleton: FilePart;
  pieces: FilePart[];
}

/** Anything that may be an anchor (`&a`) or an alias (`*a`); a false alarm only means a whole read. */
const MAYBE_ANCHOR = /(?:^|[\s[{,:])[&*][^\s,[\]{}]/;
const JOBS_LINE = /^jobs:[ \t]*(?:#.*)?$/;

/**
 * Splits `text` into a skeleton and pieces of at most `perPiece` jobs, or returns null when
 * it has `perPiece` jobs or fewer, or is not of the plain shape (then it is read whole).
 *
 * @example
 * splitJobs("jobs:\n  a: { path: a.log, daily: true, keep: 1 }\n  b: …\n", 1)?.pieces.length; // 2
 */
export function splitJobs(text: string, perPiece: number): JobPieces | null {
  if (MAYBE_ANCHOR.test(text)) return null;
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const lineAt = (n: number) => text.slice(starts[n], n + 1 < starts.length ? starts[n + 1]! - 1 : text.length).replace(/\r$/, "");
  const count = starts.length;
  let jobsLine = -1;
  for (let n = 0; n < count; n++) {
    const line = lineAt(n);
    if (/^(?:---|\.\.\.|%)/.test(line) || /^ *\t/.test(line)) return null;
    if (line.startsWith("jobs")) {
      if (jobsLine !== -1 || !JOBS_LINE.test(line)) return null;
      jobsLine = n;
    }
  }
  if (jobsLine === -1) return null;
  // The jobs: from the line after `jobs:` to the next line that starts at column 0.
  let indent = -1;
  const jobStarts: number[] = [];
  let end = jobsLine + 1;
  for (; end < count; end++) {
    const line = lineAt(end);
    const trimmed = line.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const depth = line.length - trimmed.length;
    if (depth === 0) break;
    if (indent === -1) indent = depth;
    if (depth < indent) return null;
    if (depth === indent) {
      if (/^[-?]/.test(trimmed)) return null;
      jobStarts.push(end);
    }
  }
  if (jobStarts.length <= perPiece) return null;
  const offset = (n: number) => (n < count ? starts[n]! : text.length);
  const blockStart = offset(jobsLine + 1);
  const skeleton = { text: text.slice(0, blockStart) + text.slice(offset(end)), start: 0, cut: blockStart, resume: offset(end) };
  // A piece is the `jobs:` line (the file's, moved to the start) and its jobs.
  const header = text.slice(offset(jobsLine), blockStart);
  const pieces: FilePart[] = [];
  for (let first = 0; first < jobStarts.length; first += perPiece) {
    const from = offset(jobStarts[first]!);
    const to = first + perPiece < jobStarts.length ? offset(jobStarts[first + perPiece]!) : offset(end);
    pieces.push({ text: header + text.slice(from, to), start: offset(jobsLine), cut: header.length, resume: from });
  }
  return { skeleton, pieces };
}
