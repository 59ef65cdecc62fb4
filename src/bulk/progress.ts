// Progress of a long bulk run: a bar on a terminal, plain periodic lines otherwise
// (logs, CI), and the same counts for the summary at the end.
import { SingleBar, Presets } from 'cli-progress';

export interface ProgressCounts {
  done: number;
  failed: number;
}

export class Progress {
  readonly counts: ProgressCounts = { done: 0, failed: 0 };
  private readonly bar: SingleBar | undefined;
  private readonly label: string;
  private readonly started = Date.now();
  private lastLine = Date.now();
  private readonly stream: NodeJS.WriteStream;
  private readonly intervalMs: number;

  constructor(label: string, total: number | undefined, options: { stream?: NodeJS.WriteStream; intervalMs?: number } = {}) {
    this.label = label;
    this.stream = options.stream ?? process.stderr;
    this.intervalMs = options.intervalMs ?? 5000;
    if (this.stream.isTTY) {
      this.bar = new SingleBar(
        {
          // a streamed file of unknown length has no total to measure against
          format: total === undefined ? `${label} {value} done | failed {failed} | {rate}/s` : `${label} [{bar}] {value}/{total} | failed {failed} | {rate}/s | eta {eta_formatted}`,
          stream: this.stream,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      this.bar.start(total ?? 0, 0, { failed: 0, rate: 0 });
    }
  }

  /** Counts `done` more records, `failed` of which failed. */
  advance(done: number, failed = 0): void {
    this.counts.done += done;
    this.counts.failed += failed;
    if (this.bar) {
      this.bar.update(this.counts.done, { failed: this.counts.failed, rate: this.rate() });
      return;
    }
    if (Date.now() - this.lastLine >= this.intervalMs) {
      this.lastLine = Date.now();
      this.stream.write(`${this.label}: ${this.counts.done} done, ${this.counts.failed} failed, ${this.rate()}/s\n`);
    }
  }

  /** Counts from zero again: a transaction retried from its first record. */
  restart(): void {
    this.counts.done = 0;
    this.counts.failed = 0;
    this.bar?.update(0, { failed: 0, rate: 0 });
  }

  rate(): number {
    const seconds = (Date.now() - this.started) / 1000;
    return seconds > 0 ? Math.round(this.counts.done / seconds) : 0;
  }

  elapsedSeconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  stop(): void {
    this.bar?.stop();
  }
}
