/**
 * The batch queue against a model: whatever mix of strings (multi-byte included), Buffers,
 * seals, rotations and completed writes, the batches between rotation marks hold exactly
 * the records' UTF-8 bytes in order, a rotation falls only between records and only where
 * the next record would pass the limit (or where asked), and append() answers exactly
 * whether the accepted, unwritten bytes are below the high-water mark.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BatchQueue, type QueueItem } from "../../src/writer/batch-queue.js";

type Op = { kind: "text"; text: string } | { kind: "bytes"; text: string } | { kind: "seal" } | { kind: "rotate" } | { kind: "write" };

const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }).map((line) => `${line}\n`),
  fc.string({ unit: "grapheme-ascii", minLength: 100, maxLength: 400 }),
  fc.constantFrom("é\n", "日本語\n", "😀😀\n", "x".repeat(1500)),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 20, arbitrary: text.map((line): Op => ({ kind: "text", text: line })) },
  { weight: 3, arbitrary: text.map((line): Op => ({ kind: "bytes", text: line })) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: "seal" }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: "rotate" }) },
  { weight: 4, arbitrary: fc.constant<Op>({ kind: "write" }) },
);

interface Record {
  bytes: Buffer;
  /** The file it went to (rotations before it). */
  file: number;
}

describe("batch queue", () => {
  it("keeps every byte in order, rotates only between records where the limit says, and answers write() exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 64, max: 2048 }), fc.option(fc.integer({ min: 50, max: 5000 }), { nil: null }), fc.integer({ min: 1, max: 6000 }), fc.array(op, { maxLength: 400 }), (batchBytes, size, highWater, ops) => {
        const queue = new BatchQueue(batchBytes, size, highWater, () => undefined, () => undefined);
        const files: Buffer[][] = [[]];
        let accepted = 0;
        let written = 0;
        const take = (): void => {
          for (let item = queue.shift(); item !== undefined; item = queue.shift()) take1(item);
        };
        const take1 = (item: QueueItem): void => {
          if (item.kind === "rotate") return void files.push([]);
          expect(item.length <= batchBytes || item.buffer.length === item.length).toBe(true);
          files.at(-1)!.push(Buffer.from(item.buffer.subarray(0, item.length)));
          written += item.length;
          queue.written(item);
        };
        const records: Record[] = [];
        const asked = new Set<number>();
        let askedPending = false;
        for (const step of ops) {
          if (step.kind === "seal") queue.seal();
          else if (step.kind === "rotate") {
            if (queue.rotate()) askedPending = true;
          } else if (step.kind === "write") take();
          else {
            const bytes = Buffer.from(step.text, "utf8");
            const below = queue.append(step.kind === "text" ? step.text : bytes);
            accepted += bytes.length;
            if (askedPending && bytes.length > 0) {
              asked.add(records.length);
              askedPending = false;
            }
            records.push({ bytes, file: -1 });
            expect(below).toBe(accepted - written < highWater);
          }
        }
        queue.seal();
        take();
        expect(queue.empty).toBe(true);
        // The files' bytes, cut at record boundaries, are the records in order.
        const contents = files.map((parts) => Buffer.concat(parts));
        expect(Buffer.concat(contents).equals(Buffer.concat(records.map((record) => record.bytes)))).toBe(true);
        let file = 0;
        let offset = 0;
        for (const [index, record] of records.entries()) {
          if (record.bytes.length === 0) continue;
          while (offset === contents[file]!.length) {
            file++;
            offset = 0;
          }
          expect(offset + record.bytes.length).toBeLessThanOrEqual(contents[file]!.length);
          // A new file starts before this record only if asked or if the record would pass the limit.
          if (offset === 0 && file > 0 && !asked.has(index)) {
            expect(size).not.toBeNull();
            expect(contents[file - 1]!.length + record.bytes.length).toBeGreaterThan(size!);
          }
          offset += record.bytes.length;
        }
        for (const content of contents) if (size !== null && content.length > size) expect(records.some((record) => record.bytes.equals(content))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
