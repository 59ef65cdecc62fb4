// Streamed bulk files (SPEC 8): NDJSON lines with their line numbers, read through
// gzip when the file starts with gzip's magic bytes, written through gzip when the
// name ends in `.gz`. Memory stays flat in file size.
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { ChargingError } from '../model/errors.ts';

export const isGzip = (path: string): boolean => path.endsWith('.gz');

/** Is the file gzip? A regular file says so by its first bytes (1f 8b), anything else by its name. */
export function isGzipFile(path: string): boolean {
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return isGzip(path);
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

export interface NdjsonRecord {
  /** 1-based line number in the file */
  line: number;
  /** the parsed value, or undefined when the line is not JSON */
  value?: unknown;
  /** the text of the line, kept for failures files */
  text: string;
  /** the line's UTF-8 bytes, when it was read as bytes (NDJSON): its text without decoding it */
  readonly bytes?: Uint8Array;
  /** why the line could not be parsed */
  parseError?: string;
  /** why the record could not be decoded (an XML record the codec refused): it fails with this error */
  error?: ChargingError;
}

/** Bytes read from a file at a time: a few hundred lines of a customer data file. */
const READ_CHUNK = 1 << 20;

/** The file's bytes in chunks of about READ_CHUNK, gunzipped when it is gzip (by its content, unless the caller knows already). */
export function openChunks(path: string, gzip = isGzipFile(path)): Readable {
  const file = createReadStream(path, { highWaterMark: READ_CHUNK });
  if (!gzip) return file;
  const gunzip = createGunzip({ chunkSize: READ_CHUNK });
  file.on('error', (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

/**
 * A line of an NDJSON file, decoded and parsed when first asked for: several
 * readers of one file (the worker threads of an import) each split every line but
 * decode and parse only their own share.
 */
class NdjsonLine implements NdjsonRecord {
  readonly line: number;
  private readonly chunk: Buffer;
  private readonly start: number;
  private readonly end: number;
  private decoded: string | undefined;
  private parsed: { value?: unknown; parseError?: string } | undefined;

  constructor(line: number, bytes: Buffer, start: number, end: number) {
    this.line = line;
    this.chunk = bytes;
    this.start = start;
    this.end = end;
  }

  get text(): string {
    this.decoded ??= this.chunk.toString('utf8', this.start, this.end);
    return this.decoded;
  }

  get bytes(): Uint8Array {
    return this.chunk.subarray(this.start, this.end);
  }

  get value(): unknown {
    return this.parse().value;
  }

  get parseError(): string | undefined {
    return this.parse().parseError;
  }

  private parse(): { value?: unknown; parseError?: string } {
    if (!this.parsed) {
      try {
        this.parsed = { value: JSON.parse(this.text) };
      } catch (error) {
        this.parsed = { parseError: (error as Error).message };
      }
    }
    return this.parsed;
  }

  /** Blank: nothing but white space (a line starting with `{` never is). */
  isBlank(): boolean {
    if (this.end > this.start && this.chunk[this.start] === 0x7b) return false;
    return this.text.trim() === '';
  }
}

/**
 * Every non-blank line of an NDJSON file, in order. Lines end in LF or CRLF; the
 * file is split by hand from its bytes, and each line is decoded (UTF-8) and parsed
 * only when its text or value is first read.
 */
export async function* readNdjson(path: string): AsyncGenerator<NdjsonRecord> {
  let line = 0;
  let rest: Buffer | undefined;
  for await (const chunk of openChunks(path)) {
    const bytes = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(10, start); end >= 0; end = bytes.indexOf(10, start)) {
      const record = new NdjsonLine(++line, bytes, start, end > start && bytes[end - 1] === 13 ? end - 1 : end);
      start = end + 1;
      if (!record.isBlank()) yield record;
    }
    rest = start < bytes.length ? bytes.subarray(start) : undefined;
  }
  if (rest) {
    const record = new NdjsonLine(++line, rest, 0, rest[rest.length - 1] === 13 ? rest.length - 1 : rest.length);
    if (!record.isBlank()) yield record;
  }
}

/** A streamed text output that respects back-pressure; gzip when `path` ends in `.gz`, stdout for `-`. */
export class TextOutput {
  private readonly sink: Writable;
  private readonly file: Writable | undefined;

  constructor(path: string) {
    if (path === '-') {
      this.sink = process.stdout;
      return;
    }
    this.file = createWriteStream(path);
    if (isGzip(path)) {
      const gzip = createGzip();
      gzip.pipe(this.file);
      this.sink = gzip;
    } else {
      this.sink = this.file;
    }
  }

  async write(text: string): Promise<void> {
    if (!this.sink.write(text)) await once(this.sink, 'drain');
  }

  async close(): Promise<void> {
    if (!this.file) return;
    const finished = once(this.file, 'close');
    this.sink.end();
    await finished;
  }
}
