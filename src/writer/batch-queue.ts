/**
 * The writer's memory: records are gathered into a batch buffer as they come, batches are
 * sealed when full or old, and the sealed batches wait, in order, with rotation marks
 * between them, for the one task that writes them.
 *
 * HOW strings get in cheaply: a string record is not encoded on its own. It is appended to
 * a pending string (`#text`, a rope: V8 concatenates without copying), and the rope is
 * encoded into the batch buffer in one call when a limit could be near. Encoding record
 * by record cost a native call, a flattened copy of the record and its bookkeeping for
 * each line: the largest part of the writer's time per line. What keeps this exact is a
 * budget: UTF-8 takes at most 3 bytes per UTF-16 unit, so while the rope's length stays
 * within a third of the smallest room left (in the batch buffer, in the live file, below
 * the high-water mark) no limit can be crossed, and nothing needs counting. Past the
 * budget the rope is encoded (its exact size is then known), the budget recomputed, and a
 * record that might cross a limit is encoded on its own and checked, as before.
 *
 * WHERE a rotation goes: a size rotation is decided here, record by record, against the
 * bytes the live file will hold once everything queued is written. A record that would
 * take the file past `size` seals the batch before it, and a rotation mark goes between:
 * no file exceeds the limit (unless a single record is larger than it, which then gets a
 * file of its own), and no record is split.
 *
 * Invariant: `#items` holds sealed batches and marks in the order their bytes were
 * accepted; `#queued` and `#fileBytes` count every accepted byte except the rope's, whose
 * worst case (3 × `#textChars`) fits in every room the budget was computed from.
 */

/** What the writing task does next. */
export type QueueItem = { kind: "batch"; buffer: Buffer; length: number } | { kind: "rotate" };

const SPARE_BUFFERS = 4;

/**
 * Buffer's own `utf8Write(string, offset)`: what `buffer.write(string, offset)` ends in,
 * without the argument checks.
 */
type Utf8Write = (this: Buffer, text: string, offset: number) => number;
const utf8Write: Utf8Write =
  (Buffer.prototype as unknown as { utf8Write?: Utf8Write }).utf8Write ??
  function (this: Buffer, text: string, offset: number) {
    return this.write(text, offset, "utf8");
  };

export class BatchQueue {
  #batch: Buffer | null = null;
  #used = 0;
  /** Strings accepted and not yet encoded; their bytes go at `#used` in `#batch`. */
  #text = "";
  #textChars = 0;
  /** How long `#text` may grow (UTF-16 units) before a limit could be crossed; 0 without a batch. */
  #budget = 0;
  #below = true;
  #queued = 0;
  #items: QueueItem[] = [];
  #head = 0;
  /** Rotation marks in `#items` from `#head` on. */
  #marks = 0;
  #fileBytes = 0;
  readonly #spare: Buffer[] = [];

  /**
   * @param batchBytes the size of a batch buffer
   * @param size the live file's byte limit, or null for none
   * @param highWaterBytes accepted, unwritten bytes at which `append` starts answering false
   * @param onSealed told when an item is queued (wakes the writing task)
   * @param onBatchStarted told when a record enters an empty batch (arms the age timer)
   */
  constructor(
    readonly batchBytes: number,
    readonly size: number | null,
    readonly highWaterBytes: number,
    readonly onSealed: () => void,
    readonly onBatchStarted: () => void,
  ) {}

  /** Bytes accepted and not yet written. */
  get queuedBytes(): number {
    this.#flush();
    return this.#queued;
  }

  /** Whether the accepted, unwritten bytes are below the high-water mark. */
  get hasRoom(): boolean {
    return this.queuedBytes < this.highWaterBytes;
  }

  /** Bytes the live file will hold once everything queued is written. */
  get fileBytes(): number {
    this.#flush();
    return this.#fileBytes;
  }

  /** Records a file (re)opened with `bytes` already in it. */
  opened(bytes: number): void {
    this.#flush();
    this.#fileBytes += bytes;
    this.#rebudget();
  }

  /** Takes one record (a string as UTF-8); returns whether the accepted bytes are still below the high-water mark. */
  append(record: string | Buffer): boolean {
    if (typeof record === "string" && this.#textChars + record.length <= this.#budget) {
      this.#text += record;
      this.#textChars += record.length;
      return this.#below;
    }
    this.#flush();
    this.#appendExact(record);
    this.#rebudget();
    return this.#below;
  }

  /**
   * Takes a string of whole lines (a transport's chunk): as one record when it fits in
   * the live file, else line by line, so that a rotation falls between two of its lines.
   */
  appendLines(text: string): boolean {
    if (this.size === null || this.fileBytes + Buffer.byteLength(text) <= this.size) return this.append(text);
    let start = 0;
    let below = true;
    while (start < text.length) {
      const end = text.indexOf("\n", start);
      const stop = end === -1 ? text.length : end + 1;
      below = this.append(text.slice(start, stop));
      start = stop;
    }
    return below;
  }

  /** One record, encoded and counted at once (the rope is empty). */
  #appendExact(record: string | Buffer): void {
    if (typeof record === "string") {
      // A UTF-8 string takes at most 3 bytes per UTF-16 unit: if it surely fits, encode it in place.
      if (record.length * 3 <= this.batchBytes - this.#used) return this.#appendEncoded(record);
      record = Buffer.from(record, "utf8");
    }
    const length = record.length;
    if (length === 0) return;
    this.#beforeRecord(length);
    if (length > this.batchBytes) {
      this.seal();
      this.#push({ kind: "batch", buffer: record, length }, length);
      return;
    }
    if (this.#used + length > this.batchBytes) this.seal();
    record.copy(this.#open(), this.#used);
    this.#counted(length);
  }

  #appendEncoded(record: string): void {
    const batch = this.#open();
    const start = this.#used;
    const length = utf8Write.call(batch, record, start);
    if (length === 0) return;
    if (this.size !== null && this.#fileBytes > 0 && this.#fileBytes + length > this.size) {
      // It crosses the limit: the bytes before it go to this file, it starts the next one.
      const copy = Buffer.from(batch.subarray(start, start + length));
      this.rotate();
      copy.copy(this.#open(), 0);
    }
    this.#counted(length);
  }

  #counted(length: number): void {
    this.#used += length;
    this.#fileBytes += length;
    this.#queued += length;
  }

  /** Encodes the rope into the batch buffer (it fits: the budget saw to that). */
  #flush(): void {
    if (this.#textChars === 0) return;
    const length = utf8Write.call(this.#batch!, this.#text, this.#used);
    this.#text = "";
    this.#textChars = 0;
    this.#counted(length);
  }

  /** The rope's budget: a third of the smallest room left (the rope is empty). */
  #rebudget(): void {
    this.#below = this.#queued < this.highWaterBytes;
    if (this.#batch === null) {
      this.#budget = 0;
      return;
    }
    let room = this.batchBytes - this.#used;
    if (this.size !== null) room = Math.min(room, this.size - this.#fileBytes);
    if (this.#below) room = Math.min(room, this.highWaterBytes - 1 - this.#queued);
    this.#budget = room >= 3 ? Math.floor(room / 3) : 0;
  }

  /** A size rotation before a record of `length` bytes, if it would cross the limit. */
  #beforeRecord(length: number): void {
    if (this.size !== null && this.#fileBytes > 0 && this.#fileBytes + length > this.size) this.rotate();
  }

  #open(): Buffer {
    if (this.#batch === null) {
      this.#batch = this.#spare.pop() ?? Buffer.allocUnsafeSlow(this.batchBytes);
      this.#used = 0;
      this.onBatchStarted();
    }
    return this.#batch;
  }

  /** Queues the batch being filled, if it holds anything. */
  seal(): void {
    this.#flush();
    if (this.#batch === null || this.#used === 0) return;
    const item: QueueItem = { kind: "batch", buffer: this.#batch, length: this.#used };
    this.#batch = null;
    this.#used = 0;
    this.#budget = 0;
    this.#items.push(item);
    this.onSealed();
  }

  /** Seals the current batch and puts a rotation after it; nothing when the file will be empty. */
  rotate(): boolean {
    this.#flush();
    if (this.#fileBytes === 0) return false;
    this.seal();
    this.#fileBytes = 0;
    this.#items.push({ kind: "rotate" });
    this.#marks++;
    this.onSealed();
    return true;
  }

  #push(item: QueueItem, length: number): void {
    this.#items.push(item);
    this.#fileBytes += length;
    this.#queued += length;
    this.onSealed();
  }

  /** The next sealed item, or undefined. */
  shift(): QueueItem | undefined {
    if (this.#head === this.#items.length) return undefined;
    const item = this.#items[this.#head++];
    if (item!.kind === "rotate") this.#marks--;
    this.#compact();
    return item;
  }

  /**
   * The sealed batches up to the next rotation mark (at most `limit` bytes, at least one
   * batch), taken off the queue to go out in one writev; empty when a mark or nothing is next.
   */
  shiftBatches(limit: number): Array<QueueItem & { kind: "batch" }> {
    const batches: Array<QueueItem & { kind: "batch" }> = [];
    let bytes = 0;
    for (let item = this.#items[this.#head]; item !== undefined && item.kind === "batch"; item = this.#items[this.#head]) {
      if (batches.length > 0 && bytes + item.length > limit) break;
      batches.push(item);
      bytes += item.length;
      this.#head++;
    }
    this.#compact();
    return batches;
  }

  /** Whether a rotation mark is waiting anywhere in the queue. */
  get rotationQueued(): boolean {
    return this.#marks > 0;
  }

  /** Whether the next item is a rotation mark. */
  get rotationNext(): boolean {
    return this.#items[this.#head]?.kind === "rotate";
  }

  #compact(): void {
    if (this.#head > 64 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Whether anything is waiting, sealed or not. */
  get empty(): boolean {
    return this.#head === this.#items.length && this.#used === 0 && this.#textChars === 0;
  }

  /** A batch was written: its bytes no longer count, and its buffer is reused. */
  written(item: QueueItem & { kind: "batch" }): void {
    this.#flush();
    this.#queued -= item.length;
    if (item.buffer.length === this.batchBytes && this.#spare.length < SPARE_BUFFERS) this.#spare.push(item.buffer);
    this.#rebudget();
  }
}
