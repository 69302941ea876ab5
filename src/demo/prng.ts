/**
 * A small, fast, seedable PRNG (xoshiro128**, seeded through splitmix32), so that the demo and
 * benchmark data are reproducible from a seed alone. Math.random cannot be seeded, and the
 * generator must never depend on the clock or on global state.
 *
 * 32-bit arithmetic on purpose: V8 keeps it in small integers, which is what makes several
 * hundred thousand records per second possible.
 */

/** Hashes a seed (number or string) plus a stream label into 32 bits (FNV-1a, then avalanche). */
export function hashSeed(seed: number | string, label: string): number {
  let h = 0x811c9dc5;
  const text = `${typeof seed}:${String(seed)}/${label}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;
/** Two hex digits per byte value: hex strings are built four table lookups per random word. */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const BYTE_HEX_UPPER = BYTE_HEX.map((h) => h.toUpperCase());

function wordHex(x: number, table: readonly string[]): string {
  return table[x >>> 24] + table[(x >>> 16) & 255] + table[(x >>> 8) & 255] + table[x & 255];
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Independent streams for the same seed come from different labels ('world', 'clock', ...). */
  constructor(seed: number | string, label: string) {
    // splitmix32 spreads one 32-bit seed over the 128-bit state; an all-zero state would be stuck.
    let s = hashSeed(seed, label);
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
  }

  /** Next 32-bit unsigned integer. */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / TWO_POW_32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max] (both inclusive). */
  range(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** Standard normal (Box-Muller; one value per call keeps the stream simple to reason about). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and shape: byte counts and durations are heavy-tailed. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** `n` lowercase hex digits. */
  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i += 8) out += wordHex(this.u32(), BYTE_HEX);
    return out.length === n ? out : out.slice(0, n);
  }

  /** `n` uppercase hex digits. */
  hexUpper(n: number): string {
    let out = '';
    for (let i = 0; i < n; i += 8) out += wordHex(this.u32(), BYTE_HEX_UPPER);
    return out.length === n ? out : out.slice(0, n);
  }

  /** A random (version 4 layout) UUID, lowercase. */
  uuid(): string {
    const b = this.u32();
    const c = this.u32();
    return `${wordHex(this.u32(), BYTE_HEX)}-${BYTE_HEX[b >>> 24]}${BYTE_HEX[(b >>> 16) & 255]}-4${BYTE_HEX[(b >>> 8) & 255].slice(1)}${BYTE_HEX[b & 255]}-a${BYTE_HEX[c >>> 24].slice(1)}${BYTE_HEX[(c >>> 16) & 255]}-${BYTE_HEX[(c >>> 8) & 255]}${BYTE_HEX[c & 255]}${wordHex(this.u32(), BYTE_HEX)}`;
  }

  /** A GUID as Windows tools print it: upper case, no braces. */
  windowsGuid(): string {
    const b = this.u32();
    const c = this.u32();
    return `${wordHex(this.u32(), BYTE_HEX_UPPER)}-${BYTE_HEX_UPPER[b >>> 24]}${BYTE_HEX_UPPER[(b >>> 16) & 255]}-${BYTE_HEX_UPPER[(b >>> 8) & 255]}${BYTE_HEX_UPPER[b & 255]}-${BYTE_HEX_UPPER[c >>> 24]}${BYTE_HEX_UPPER[(c >>> 16) & 255]}-${BYTE_HEX_UPPER[(c >>> 8) & 255]}${BYTE_HEX_UPPER[c & 255]}${wordHex(this.u32(), BYTE_HEX_UPPER)}`;
  }

  /** `n` characters from `alphabet`. */
  chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.float() * alphabet.length)];
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Picks an index by weight in O(log n) from precomputed cumulative weights; used for the
 * source mix and for Zipf-like popularity of domains and processes.
 */
export class WeightedPicker<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError('WeightedPicker needs as many weights as items, and at least one item');
    }
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0)) throw new RangeError(`weight ${i} must be a number ≥ 0`);
      sum += weights[i];
      this.cumulative[i] = sum;
    }
    if (sum <= 0) throw new RangeError('WeightedPicker needs a positive total weight');
    this.total = sum;
  }

  pick(rng: Prng): T {
    const target = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/** Zipf-like weights 1/(rank+1)^s: a few very popular items and a long tail, as real traffic has. */
export function zipfWeights(n: number, s = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(1 / Math.pow(i + 1, s));
  return out;
}

/** Floats in [0, 1) from a Prng, for property tests and benchmarks that want a plain `() => number`. */
export function seededFloats(seed: number | string, label = 'floats'): () => number {
  const p = new Prng(seed, label);
  return () => p.float();
}
