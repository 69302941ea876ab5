/**
 * Where each followed file was read up to: (device, inode, offset) plus what is needed to
 * continue exactly there — the line count, the decoder's state, and a fingerprint of the
 * file's first bytes, because a deleted file's inode number is reused by new files.
 *
 * Written atomically (temporary file, fsync, rename) so a crash leaves either the old or
 * the new checkpoint, never a torn one. A checkpoint that cannot be read is set aside and
 * reported, not trusted.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { z } from 'zod';

/** Bytes of a file's head that identify it (beyond dev/inode). */
export const FINGERPRINT_BYTES = 1024;

const fileCheckpoint = z.strictObject({
  path: z.string(),
  dev: z.number(),
  ino: z.number(),
  offset: z.number().int().min(0),
  line: z.number().int().min(0),
  /** sha256 (hex) of the first `fingerprint_bytes` bytes. */
  fingerprint: z.string(),
  fingerprint_bytes: z.number().int().min(0),
  /** Inside a line longer than max_line_bytes: skip to the next newline. */
  skipping: z.boolean().default(false),
  decoder: z.unknown().optional(),
});

const checkpointFile = z.strictObject({
  version: z.literal(1),
  files: z.array(fileCheckpoint),
});

export type FileCheckpoint = z.infer<typeof fileCheckpoint>;

export type LoadResult =
  | { kind: 'missing' }
  | { kind: 'loaded'; files: FileCheckpoint[] }
  | { kind: 'corrupt'; reason: string; movedTo: string };

export function fileKey(dev: number, ino: number): string {
  return `${dev}:${ino}`;
}

/** sha256 of up to `length` bytes from the start of an open file; returns the bytes hashed. */
export async function fingerprintOf(handle: FileHandle, length = FINGERPRINT_BYTES): Promise<{ fingerprint: string; bytes: number }> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return { fingerprint: createHash('sha256').update(buf.subarray(0, got)).digest('hex'), bytes: got };
}

export class CheckpointStore {
  private saving: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async load(): Promise<LoadResult> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw err;
    }
    let reason: string;
    try {
      const parsed = checkpointFile.safeParse(JSON.parse(text));
      if (parsed.success) return { kind: 'loaded', files: parsed.data.files };
      reason = parsed.error.issues[0]?.message ?? 'invalid checkpoint';
    } catch (err) {
      reason = `invalid JSON: ${(err as Error).message}`;
    }
    const movedTo = `${this.path}.corrupt-${Date.now()}`;
    await rename(this.path, movedTo);
    return { kind: 'corrupt', reason, movedTo };
  }

  /** Saves are serialised: a later save never lands before an earlier one. */
  save(files: FileCheckpoint[]): Promise<void> {
    const body = JSON.stringify({ version: 1, files } satisfies z.infer<typeof checkpointFile>);
    this.saving = this.saving.catch(() => undefined).then(() => this.write(body));
    return this.saving;
  }

  private async write(body: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(body, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.path);
  }
}
