/**
 * A progress line on a terminal (stderr only, redrawn at most 10 times a second); silent
 * when stderr is not a terminal, so logs and pipes stay clean.
 */
import type { Writable } from 'node:stream';

export class ProgressBar {
  private last = 0;
  private readonly started = Date.now();

  constructor(
    private readonly out: Writable,
    private readonly enabled: boolean,
    private readonly totalBytes: number,
  ) {}

  update(doneBytes: number, items: number, label: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const frac = this.totalBytes > 0 ? Math.min(1, doneBytes / this.totalBytes) : 0;
    const width = 24;
    const filled = Math.round(frac * width);
    const rate = items / Math.max(0.001, (now - this.started) / 1000);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%`;
    this.out.write(`\r${bar} ${items} events, ${Math.round(rate)}/s  ${label.slice(-40)}\x1b[K`);
  }

  done(): void {
    if (this.enabled) this.out.write('\r\x1b[K');
  }
}
