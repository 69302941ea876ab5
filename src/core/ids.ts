/**
 * Time-sortable event ids (ULID layout: 48-bit millisecond time + 80 random bits, Crockford
 * base32, 26 characters). Sortable ids keep "newest first" cheap and make ids from several
 * receivers mergeable without coordination.
 */
import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

function randomBytes10(): Uint8Array {
  if (poolOffset + 10 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + 10);
  poolOffset += 10;
  return out;
}

export function newEventId(timeMs: number): string {
  let t = Math.max(0, Math.floor(timeMs));
  const chars = new Array<string>(26);
  for (let i = 9; i >= 0; i--) {
    chars[i] = ALPHABET[t % 32];
    t = Math.floor(t / 32);
  }
  const r = randomBytes10();
  // 80 bits → 16 base32 characters, 5 bits at a time.
  let acc = 0;
  let bits = 0;
  let k = 10;
  for (let i = 0; i < 10; i++) {
    acc = (acc << 8) | r[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      chars[k++] = ALPHABET[(acc >>> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return chars.join('');
}

/** The millisecond time encoded in an id from `newEventId`, or undefined if it is not one. */
export function timeFromEventId(id: string): number | undefined {
  if (id.length !== 26) return undefined;
  let t = 0;
  for (let i = 0; i < 10; i++) {
    const v = ALPHABET.indexOf(id[i]);
    if (v < 0) return undefined;
    t = t * 32 + v;
  }
  return t;
}
