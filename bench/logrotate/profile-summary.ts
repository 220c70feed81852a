/**
 * `npx tsx bench/logrotate/profile-summary.ts PROFILE [FUNCTION]`: what a CPU profile of one
 * thread says, in ms: its total, the functions with the most self time, and the functions
 * with the most time beneath them (inclusive); with FUNCTION, the self time of what runs
 * beneath that function. For looking at one forced pass:
 *
 *   npx tsx bench/logrotate/make-tree.ts /tmp/t 10000
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --cpu-prof-interval 500 dist/src/cli/rotor-logrotate-launcher.cjs -f -s /tmp/t/state /tmp/t/bench.conf
 *   npx tsx bench/logrotate/profile-summary.ts /tmp/prof/CPU.*.001.cpuprofile planAll
 *
 * (one file per thread: the main thread's and the helper thread's). Times are the sampler's,
 * which slows the program it watches: compare them with each other, not with wall times.
 *
 * `profile-summary.ts PROFILE --timeline MS FUNCTION...` shows the thread's time instead, in
 * slices of MS: each sample counts for the innermost of the FUNCTIONs on its stack ("other"
 * if none), and each slice lists its four largest, e.g.
 *
 *   npx tsx bench/logrotate/profile-summary.ts PROFILE --timeline 50 planAll gzipJob moveJob "(garbage collector)" "(idle)"
 *
 * `profile-summary.ts PROFILE --window FROM TO` gives the self times of the samples between
 * FROM and TO ms only (one phase of the pass, as the timeline shows it).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, within, ...timeline] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: profile-summary.ts PROFILE [FUNCTION | --timeline MS FUNCTION...]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

const nameOf = (node: ProfileNode): string => node.callFrame.functionName || "(anonymous)";
const placeOf = (node: ProfileNode): string => `${nameOf(node)} ${node.callFrame.url.split("/").slice(-2).join("/")}:${node.callFrame.lineNumber + 1}`;
/** The sample's stack, leaf first. */
function* stack(sample: number): Generator<ProfileNode> {
  for (let id: number | undefined = sample; id !== undefined; id = parents.get(id)) yield nodes.get(id)!;
}
const add = (into: Map<string, number>, key: string, ms: number): void => void into.set(key, (into.get(key) ?? 0) + ms);
const top = (from: Map<string, number>, count: number): string =>
  [...from]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, ms]) => `${ms.toFixed(1).padStart(8)}  ${key}`)
    .join("\n");

/** The --timeline view (see the header). */
function printTimeline(sliceMs: number, names: ReadonlySet<string>): void {
  const slices = new Map<number, Map<string, number>>();
  let at = 0;
  profile.samples.forEach((sample, k) => {
    const ms = (profile.timeDeltas[k] ?? 0) / 1000;
    at += ms;
    let kind = "other";
    for (const node of stack(sample)) {
      if (!names.has(nameOf(node))) continue;
      kind = nameOf(node);
      break;
    }
    const slice = Math.floor(at / sliceMs);
    if (!slices.has(slice)) slices.set(slice, new Map());
    add(slices.get(slice)!, kind, ms);
  });
  for (const [slice, kinds] of [...slices].sort((a, b) => a[0] - b[0])) {
    const largest = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 4);
    console.log(`${String(slice * sliceMs).padStart(6)} ms  ${largest.map(([kind, ms]) => `${kind} ${ms.toFixed(0)}`).join(", ")}`);
  }
}

/** Only the samples from `from` to `to` ms (--window), or all. */
let window: [from: number, to: number] = [-Infinity, Infinity];
if (within === "--window") {
  const [from, to] = timeline.map(Number);
  if (!(from! >= 0 && to! > from!)) throw new Error("usage: profile-summary.ts PROFILE --window FROM TO");
  window = [from!, to!];
}

if (within === "--timeline") {
  const [slice, ...names] = timeline;
  if (!(Number(slice) > 0) || names.length === 0) throw new Error("usage: profile-summary.ts PROFILE --timeline MS FUNCTION...");
  printTimeline(Number(slice), new Set(names));
  process.exit(0);
}

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const beneath = new Map<string, number>();
let total = 0;
let clock = 0;
profile.samples.forEach((sample, k) => {
  const ms = (profile.timeDeltas[k] ?? 0) / 1000;
  clock += ms;
  if (clock < window[0] || clock > window[1]) return;
  total += ms;
  const [leaf] = stack(sample);
  add(self, placeOf(leaf!), ms);
  const seen = new Set<string>();
  for (const node of stack(sample)) seen.add(nameOf(node));
  for (const name of seen) add(inclusive, name, ms);
  if (within !== undefined && seen.has(within)) add(beneath, placeOf(leaf!), ms);
});
console.log(`${file}: ${total.toFixed(0)} ms sampled\n\nself:\n${top(self, 25)}\n\ninclusive:\n${top(inclusive, 25)}`);
if (within !== undefined && !within.startsWith("--")) console.log(`\nbeneath ${within} (${(inclusive.get(within) ?? 0).toFixed(1)} ms):\n${top(beneath, 15)}`);
