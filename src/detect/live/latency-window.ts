/**
 * Ingest-to-detection latency of the most recent detections (a bounded ring), for health and
 * the benchmark: p50 / p95 / max over the last `capacity` samples.
 */
export interface LatencySummary {
  samples: number;
  p50_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
}

export class LatencyWindow {
  private readonly ring: Float64Array;
  private next = 0;
  private size = 0;

  constructor(capacity = 10_000) {
    this.ring = new Float64Array(capacity);
  }

  add(ms: number, times = 1): void {
    for (let i = 0; i < times; i++) {
      this.ring[this.next] = ms;
      this.next = (this.next + 1) % this.ring.length;
      if (this.size < this.ring.length) this.size++;
    }
  }

  summary(): LatencySummary {
    if (this.size === 0) return { samples: 0, p50_ms: null, p95_ms: null, max_ms: null };
    const sorted = Array.from(this.ring.subarray(0, this.size)).sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { samples: this.size, p50_ms: at(0.5), p95_ms: at(0.95), max_ms: sorted[sorted.length - 1] };
  }
}
