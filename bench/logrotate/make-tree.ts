/**
 * `npx tsx bench/logrotate/make-tree.ts DIR LOGS [compress]`: one tree like a side's tree of
 * `npm run bench:logrotate`'s forced cases (10 directories, `.1`/`.2` or `.1.gz`/`.2.gz` already
 * there, a state saying all were rotated now, one block of one glob per directory), for looking
 * at one run with `strace -c -f` or `node --cpu-prof`:
 *
 *   npx tsx bench/logrotate/make-tree.ts /tmp/t 5000 && strace -c -f node dist/src/cli/rotor-logrotate-launcher.cjs -f -s /tmp/t/state /tmp/t/bench.conf
 *
 * DIR is emptied first.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const [root, count, mode] = process.argv.slice(2);
if (root === undefined || !/^\d+$/.test(count ?? "")) throw new Error("usage: make-tree.ts DIR LOGS [compress]");
const compress = mode === "compress";
rmSync(root, { recursive: true, force: true });
const line = "2026-11-25T00:00:00Z host app[123]: something happened, request id 0123456789abcdef\n";
const bytes = compress ? 4096 : 256;
const content = Buffer.from(line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes));
const older = compress ? gzipSync(content) : content;
const suffixes = compress ? [".1.gz", ".2.gz"] : [".1", ".2"];
for (let d = 0; d < 10; d++) mkdirSync(join(root, "logs", `d${d}`), { recursive: true });
const at = new Date();
const stamp = `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}-${at.getHours()}:${at.getMinutes()}:${at.getSeconds()}`;
const state = ["logrotate state -- version 2"];
for (let i = 0; i < Number(count); i++) {
  const path = join(root, "logs", `d${i % 10}`, `app${String(i).padStart(5, "0")}.log`);
  writeFileSync(path, content, { mode: 0o644 });
  for (const suffix of suffixes) writeFileSync(path + suffix, older, { mode: 0o644 });
  state.push(`"${path}" ${stamp}`);
}
const globs = Array.from({ length: 10 }, (_, d) => join(root, "logs", `d${d}`, "*.log"));
writeFileSync(join(root, "bench.conf"), `${globs.join(" ")} {\n    daily\n    rotate 3\n    missingok\n${compress ? "    compress\n" : ""}}\n`, { mode: 0o644 });
writeFileSync(join(root, "state"), `${state.join("\n")}\n`, { mode: 0o644 });
