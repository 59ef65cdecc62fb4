// Streamed bulk files (SPEC 8): NDJSON lines with their line numbers, read through
// gzip when the file starts with gzip's magic bytes, written through gzip when the
// name ends in `.gz`. Memory stays flat in file size.
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
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

/** The file's bytes, gunzipped when it is gzip (by its content, whatever its name). */
export function openInput(path: string): Readable {
  const file = createReadStream(path);
  return isGzipFile(path) ? file.pipe(createGunzip()) : file;
}

export interface NdjsonRecord {
  /** 1-based line number in the file */
  line: number;
  /** the parsed value, or undefined when the line is not JSON */
  value?: unknown;
  /** the text of the line, kept for failures files */
  text: string;
  /** why the line could not be parsed */
  parseError?: string;
  /** why the record could not be decoded (an XML record the codec refused): it fails with this error */
  error?: ChargingError;
}

/** Every non-blank line of an NDJSON file, in order. */
export async function* readNdjson(path: string): AsyncGenerator<NdjsonRecord> {
  const lines = createInterface({ input: openInput(path), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text), text };
    } catch (error) {
      yield { line, text, parseError: (error as Error).message };
    }
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
