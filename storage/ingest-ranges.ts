/**
 * Cutting a JSONL file into chunks of whole lines, by bytes, so each chunk can be read and
 * decoded on its own (on any thread) and the lines still come out in file order, numbered as
 * one pass over the file would number them. A newline byte never occurs inside a UTF-8
 * sequence, so a chunk that starts after one decodes as the whole file would.
 *
 * A chunk ends, where it can, where a run of events ends (ingest-chunk.ts): events of one run
 * decoded on two threads come back as two runs the writer must take apart and join again. Where
 * a run ends is guessed from the raw text ({@link runKeyOfText}); a wrong guess costs only that.
 */
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** How far past a chunk's nominal end it may grow to end with a run. */
const RUN_LOOKAHEAD = 1 << 16;

/**
 * The envelope fields that make a run (scenario, plan design, employee, year, schema version)
 * as written in a line, found by text search rather than parsing: equal for the lines of a run
 * in any file `vested export` writes, and a cheap guess for other files.
 */
export function runKeyOfText(line: string): string {
  let key = '';
  for (const name of ['"scenarioId":', '"planDesignId":', '"employeeId":', '"schemaVersion":', '"effectiveDate":']) {
    const at = line.indexOf(name);
    if (at < 0) key += '\u0000';
    else {
      const from = at + name.length;
      const comma = line.indexOf(',', from);
      // a date's year: the quote and 4 digits
      const to = name === '"effectiveDate":' ? from + 5 : comma < 0 ? line.length : comma;
      key += line.slice(from, to) + '\u0000';
    }
  }
  return key;
}

/**
 * A buffer of `bytes`, a view of one reused from call to call (each thread has its own): the
 * buffers of a cut and of a chunk's text are read into and copied out of, never kept, and a
 * fresh megabyte for each chunk costs its page faults every time (reading the 1 MiB chunks of a
 * 357 MB file: 129 ms with a buffer each, 97 ms reusing one).
 */
let scratch = Buffer.allocUnsafeSlow(0);
/** Larger than this (chunks of an unusual `chunkBytes`) gets a buffer of its own, not kept. */
const SCRATCH_MAX = 8 << 20;
function scratchOf(bytes: number): Buffer {
  if (bytes > SCRATCH_MAX) return Buffer.allocUnsafe(bytes);
  if (scratch.length < bytes) scratch = Buffer.allocUnsafeSlow(Math.min(SCRATCH_MAX, Math.max(bytes, 2 * scratch.length)));
  return scratch.subarray(0, bytes);
}

/** Where the line holding byte `pos` ends (just after its newline), or the end of the file. */
function lineEnd(fd: number, pos: number, size: number): number {
  const buf = scratchOf(1 << 16);
  for (let at = pos; at < size; ) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - at), at);
    if (n === 0) break;
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl !== -1) return at + nl + 1;
    at += n;
  }
  return size;
}

/** How far back a chunk's last line is looked for (a longer line: the chunk ends where it is). */
const LINE_LOOKBEHIND = 1 << 12;

/** `end` (just after a newline) moved past the following lines of the same run, if it ends within reach. */
function runEnd(fd: number, start: number, end: number, size: number): number {
  const from = Math.max(start, end - LINE_LOOKBEHIND);
  const buf = scratchOf(Math.min(size, end + RUN_LOOKAHEAD) - from);
  const n = readSync(fd, buf, 0, buf.length, from);
  const cut = end - from;
  const lastStart = cut < 2 ? 0 : buf.lastIndexOf(10, cut - 2) + 1;
  if (lastStart === 0 && from > start) return end;
  const keyOf = (a: number, b: number): string => runKeyOfText(buf.toString('latin1', a, b));
  const key = keyOf(lastStart, cut - 1);
  const toEof = from + n === size;
  for (let at = cut; at < n; ) {
    const nl = buf.indexOf(10, at);
    // the last line of the window: whole only at the end of the file
    if (nl < 0 || nl >= n) return toEof && keyOf(at, n) === key ? size : toEof ? from + at : end;
    if (keyOf(at, nl) !== key) return from + at;
    at = nl + 1;
  }
  return toEof ? size : end;
}

/**
 * The file as consecutive ranges of about `bytes` each, every one ending after a newline or at
 * the end, cut as they are asked for: the first chunks are decoded while the rest of the file
 * is still uncut (cutting a 145 MB file takes ~80 ms in a fresh process).
 */
export class LineRanges {
  readonly size: number;
  private readonly cut: ByteRange[] = [];

  constructor(readonly path: string, private readonly bytes: number) {
    this.size = statSync(path).size;
  }

  /** Range `i`, or undefined past the end of the file. */
  at(i: number): ByteRange | undefined {
    if (i >= this.cut.length && (this.cut.at(-1)?.end ?? 0) < this.size) {
      const fd = openSync(this.path, 'r');
      try {
        for (let start = this.cut.at(-1)?.end ?? 0; this.cut.length <= i && start < this.size; ) {
          const end = start + this.bytes >= this.size ? this.size : runEnd(fd, start, lineEnd(fd, start + this.bytes - 1, this.size), this.size);
          this.cut.push({ start, end });
          start = end;
        }
      } finally {
        closeSync(fd);
      }
    }
    return this.cut[i];
  }

  /** Every range (cutting the rest of the file). */
  all(): readonly ByteRange[] {
    this.at(Number.MAX_SAFE_INTEGER);
    return this.cut;
  }
}

/** The text of a range. */
export function readRange(path: string, range: ByteRange): string {
  const fd = openSync(path, 'r');
  try {
    const buf = scratchOf(range.end - range.start);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, range.start + got);
      if (n === 0) throw new Error(`${path} changed while it was being ingested (shorter than ${range.end} bytes)`);
      got += n;
    }
    // The same text either way; checking for ASCII and copying bytes is ~3x faster than decoding.
    return buf.toString(isAscii(buf) ? 'latin1' : 'utf8');
  } finally {
    closeSync(fd);
  }
}
