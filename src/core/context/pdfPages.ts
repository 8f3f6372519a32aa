/**
 * The page count of a PDF, read from its bytes: the newest trailer (a `trailer` dictionary or a
 * PDF 1.5 cross-reference stream dictionary) names the document catalog, the catalog its page
 * tree root, and the root's /Count is the number of pages. Objects are found by scanning for
 * `N G obj` (the newest definition wins, as with incremental updates) and, for PDF 1.5+, inside
 * the /FlateDecode object streams, inflated only when the object is not found outside them.
 * Cross-reference offsets are not trusted, so a file with a broken table still counts.
 *
 * Every step is bounded (parse work, nesting, inflated bytes), so garbage or a hostile file ends
 * in 'damaged' quickly rather than hanging the extension host; nothing here throws.
 */
import { constants, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib';
import { Budget, Exhausted, isDict, isName, occurrences, Parser, Ref, scanObjects, type Value } from './pdfSyntax';

export type PdfPages = { readonly pages: number } | { readonly problem: 'not-pdf' | 'encrypted' | 'damaged' };

/** Units of parse work (characters and tokens) per file: far above what a real file needs. */
const WORK = 64_000_000;
/** Bytes inflated from object streams, per stream and in all. */
const MAX_STREAM_BYTES = 32 * 1024 * 1024;
const MAX_INFLATED_BYTES = 96 * 1024 * 1024;
/** Object streams inflated per file (real files have a few hundred at most). */
const MAX_OBJECT_STREAMS = 4096;
/** Definitions of one object number tried, and trailers read (incremental updates add one each). */
const MAX_DEFINITIONS = 1000;
const MAX_TRAILERS = 1000;

interface ObjectStream {
  readonly text: string;
  readonly offsets: Map<number, number>;
}

/** The objects of one file, looked up by number: newest definition first. */
class PdfObjects {
  private readonly budget = new Budget(WORK);
  private readonly nums: number[];
  private readonly starts: number[];
  private readonly byNum = new Map<number, number[]>();
  private readonly containers: number[];
  private readonly streams = new Map<number, ObjectStream | undefined>();
  private inflated = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly text: string,
  ) {
    ({ nums: this.nums, starts: this.starts } = scanObjects(text));
    this.containers = [...new Set(occurrences(text, '/ObjStm').map((at) => this.enclosing(at)).filter((s) => s >= 0))];
  }

  parse(text: string, pos: number): { value: Value | undefined; end: number } {
    const parser = new Parser(text, pos, this.budget);
    return { value: parser.value(), end: parser.pos };
  }

  /** The start of the object body that a position lies in, or -1. */
  enclosing(position: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid] <= position) {
        found = this.starts[mid];
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  /** Where the object's `N G obj` definitions start, in file order (one pass over all objects, paid from the budget). */
  private plain(num: number): number[] {
    let list = this.byNum.get(num);
    if (!list) {
      this.budget.spend(this.nums.length);
      list = this.starts.filter((_, i) => this.nums[i] === num);
      this.byNum.set(num, list);
    }
    return list;
  }

  /** Every definition of an object, newest (furthest in the file) first. */
  *definitions(num: number): Generator<Value> {
    const plain = this.plain(num);
    let p = plain.length - 1;
    let s = this.containers.length - 1;
    for (let tries = 0; (p >= 0 || s >= 0) && tries < MAX_DEFINITIONS; ) {
      if (p >= 0 && (s < 0 || plain[p] > this.containers[s])) {
        tries++;
        const { value } = this.parse(this.text, plain[p--]);
        if (value !== undefined) yield value;
        continue;
      }
      const stream = this.objectStream(this.containers[s--]);
      const offset = stream?.offsets.get(num);
      if (stream && offset !== undefined) {
        tries++;
        const { value } = this.parse(stream.text, offset);
        if (value !== undefined) yield value;
      }
    }
  }

  /** A value with references followed (a few steps at most: a reference to itself ends). */
  resolve(value: Value | undefined): Value | undefined {
    for (let step = 0; value instanceof Ref; step++) {
      if (step === 8) return undefined;
      value = this.definitions(value.num).next().value ?? undefined;
    }
    return value;
  }

  /** The stream of an object stream at a body start, inflated, with where each object begins. */
  private objectStream(start: number): ObjectStream | undefined {
    if (this.streams.has(start)) return this.streams.get(start);
    if (this.streams.size >= MAX_OBJECT_STREAMS) return undefined;
    let stream: ObjectStream | undefined;
    try {
      stream = this.readObjectStream(start);
    } catch (error) {
      if (error instanceof Exhausted) throw error;
      stream = undefined; // a bad stream, or one over the inflate limits: its objects are missing
    }
    this.streams.set(start, stream);
    return stream;
  }

  private readObjectStream(start: number): ObjectStream | undefined {
    const { value: dict, end } = this.parse(this.text, start);
    if (!isDict(dict) || !isName(dict.get('Type'), 'ObjStm')) return undefined;
    const filter = dict.get('Filter');
    const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
    if (filters.length > 1 || (filters.length === 1 && !isName(filters[0], 'FlateDecode')) || dict.has('DecodeParms')) return undefined;
    const keyword = /^[\0\t\n\f\r ]*stream(\r\n|\n|\r)/.exec(this.text.slice(end, end + 64));
    if (!keyword) return undefined;
    const dataStart = end + keyword[0].length;
    // a /Length given as a reference is not followed: `endstream` ends the data as well
    const length = dict.get('Length');
    let dataEnd = typeof length === 'number' && Number.isInteger(length) && length >= 0 && dataStart + length <= this.text.length ? dataStart + length : -1;
    if (dataEnd < 0 || !/^[\0\t\n\f\r ]*endstream/.test(this.text.slice(dataEnd, dataEnd + 64))) {
      dataEnd = this.text.indexOf('endstream', dataStart);
      if (dataEnd < 0) return undefined;
    }
    const data = this.bytes.subarray(dataStart, dataEnd);
    const room = Math.min(MAX_STREAM_BYTES, MAX_INFLATED_BYTES - this.inflated);
    if (room <= 0) return undefined;
    const options = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: room };
    const decoded = filters.length ? inflate(data, options) : data;
    this.inflated += decoded.length;
    const text = decoded.toString('latin1');
    const count = dict.get('N');
    const first = dict.get('First');
    if (typeof count !== 'number' || typeof first !== 'number' || !(first >= 0) || first > text.length) return undefined;
    // the header: N pairs of object number and offset (from /First) before the first object
    const header = text.slice(0, first);
    const pair = /(\d+)[\0\t\n\f\r ]+(\d+)/g;
    const offsets = new Map<number, number>();
    for (let i = 0, match = pair.exec(header); match && i < count; i++, match = pair.exec(header)) offsets.set(Number(match[1]), first + Number(match[2]));
    this.budget.spend(offsets.size);
    return { text, offsets };
  }

  /** Trailer dictionaries, newest first: after `trailer` keywords, and cross-reference stream dictionaries. */
  trailers(): Map<string, Value>[] {
    const keywords = occurrences(this.text, 'trailer').map((at) => ({ at, body: at + 7, stream: false }));
    const streams = [...new Set(occurrences(this.text, '/XRef').map((at) => this.enclosing(at)))].filter((at) => at >= 0).map((at) => ({ at, body: at, stream: true }));
    const found: Map<string, Value>[] = [];
    for (const { body, stream } of [...keywords, ...streams].sort((a, b) => b.at - a.at).slice(0, MAX_TRAILERS)) {
      const { value } = this.parse(this.text, body);
      if (isDict(value) && (!stream || isName(value.get('Type'), 'XRef'))) found.push(value);
    }
    return found;
  }
}

/** Inflates a /FlateDecode stream; a few writers leave out the zlib header. A cut-off stream gives what it has. */
function inflate(data: Buffer, options: ZlibOptions): Buffer {
  try {
    return inflateSync(data, options);
  } catch (error) {
    if (error instanceof RangeError) throw error; // over the size limit
    return inflateRawSync(data, options);
  }
}

/** Whether the bytes start as a PDF does: `%PDF-` within the first 1 KB (readers allow a little junk before it). */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1029)).includes('%PDF-', 0, 'latin1');
}

/** The number of pages of a PDF, or why it cannot be told. */
export function readPdfPages(bytes: Uint8Array): PdfPages {
  if (!hasPdfHeader(bytes)) return { problem: 'not-pdf' };
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const objects = new PdfObjects(buffer, buffer.toString('latin1'));
    const trailers = objects.trailers();
    if (trailers.some((t) => t.has('Encrypt'))) return { problem: 'encrypted' };
    const root = trailers.find((t) => t.get('Root') instanceof Ref)?.get('Root');
    if (!(root instanceof Ref)) return { problem: 'damaged' };
    const countOf = (node: Value) => (isDict(node) ? objects.resolve(node.get('Count')) : undefined);
    for (const catalog of objects.definitions(root.num)) {
      const tree = isDict(catalog) ? catalog.get('Pages') : undefined;
      // the page tree root is meant to be a reference; a few writers put the dictionary in place
      const nodes = tree instanceof Ref ? objects.definitions(tree.num) : tree === undefined ? [] : [tree];
      for (const node of nodes) {
        const count = countOf(node);
        if (typeof count === 'number' && Number.isInteger(count) && count >= 0) return { pages: count };
      }
    }
    return { problem: 'damaged' };
  } catch {
    return { problem: 'damaged' }; // the work budget ran out, or something unforeseen: never an exception for the caller
  }
}
