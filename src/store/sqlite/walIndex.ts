// SQLite's wal-index (the `-shm` file of a database in WAL mode), read without
// SQLite: its header tells the database's state and how long the WAL is, its
// checkpoint information how much of the WAL is in the database file already.
// The layout is SQLite's documented file format
// (https://www.sqlite.org/walformat.html, "The WAL-Index Format"), in the
// machine's native byte order.
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';

/** Bytes of SQLite's wal-index header: its first copy, at the start of the `-shm` file. */
const WAL_INDEX_HEADER = 48;

/** Where the header keeps mxFrame, the last valid frame of the WAL (a u32). */
const MX_FRAME = 16;

/** Where the checkpoint information (after the header's two copies) keeps nBackfill, the frames copied into the database file (a u32). */
const N_BACKFILL = 2 * WAL_INDEX_HEADER;

const LITTLE_ENDIAN = endianness() === 'LE';

/** How far the WAL reaches and how much of it a checkpoint has copied into the database file, in frames (one page each). */
export interface WalFrames {
  last: number;
  backfilled: number;
}

/**
 * The `-shm` file of a database, read with one pread at a time.
 *
 * `read()`: the state of the database as SQLite's readers see it: the first copy
 * of the wal-index header (its first 48 bytes). Every commit, by any connection of
 * any process, writes a new header (its change counter, last frame, salts and
 * checksums) before a reader can see the commit; a checkpoint that restarts the WAL
 * writes a new one too. The first copy is written last, and SQLite's readers begin
 * only when both copies agree, so while these bytes are the same, no reader can
 * have been shown anything newer. One pread: one syscall (a microsecond, several on
 * a virtual machine), where a read transaction (the WAL read lock taken and given
 * back with two fcntl calls, the header checked) costs ten to twenty inside a busy
 * server.
 */
export class WalIndex {
  private readonly fd: number;
  private readonly bytes = Buffer.alloc(N_BACKFILL + 4);

  private constructor(fd: number) {
    this.fd = fd;
  }

  /** The wal-index of a database in WAL mode with its `-shm` file, else undefined. */
  static open(path: string): WalIndex | undefined {
    try {
      return new WalIndex(openSync(`${path}-shm`, 'r'));
    } catch {
      return undefined;
    }
  }

  /** The header now, as text (48 bytes as latin1): equal texts, the same database. */
  read(): string {
    const got = readSync(this.fd, this.bytes, 0, WAL_INDEX_HEADER, 0);
    return this.bytes.toString('latin1', 0, got);
  }

  /**
   * The WAL's length and what of it is checkpointed, as last written (a moment's
   * view: a figure for deciding when to checkpoint, never for correctness).
   */
  frames(): WalFrames {
    const got = readSync(this.fd, this.bytes, 0, this.bytes.length, 0);
    if (got < this.bytes.length) return { last: 0, backfilled: 0 };
    const u32 = (at: number) => (LITTLE_ENDIAN ? this.bytes.readUInt32LE(at) : this.bytes.readUInt32BE(at));
    return { last: u32(MX_FRAME), backfilled: u32(N_BACKFILL) };
  }

  close(): void {
    closeSync(this.fd);
  }
}
