/**
 * One file being followed: its open handle (kept open after a rename or delete, so the
 * rotated file can be read to its end), identity (device, inode, head fingerprint), how far
 * it has been read, and its decoder. Positions only move when the caller commits them,
 * after the pipeline accepted the batch read from them.
 */
import type { FileHandle } from 'node:fs/promises';
import type { FileCheckpoint } from './checkpoint-store.js';
import { fileKey, fingerprintOf, FINGERPRINT_BYTES } from './checkpoint-store.js';
import type { FileLineDecoder } from './codecs.js';
import type { FileTailInput } from './config.js';
import type { ReadPosition } from './line-reader.js';

export type FileState = 'active' | 'rotated';

export class FollowedFile {
  state: FileState = 'active';
  /** Committed position: everything before it has been handed to the pipeline. */
  position: ReadPosition;
  /** Size at the last look, and when (monotonic ms) the file last grew or was read. */
  size = 0;
  lastActivityMs: number;
  /** Whether the decoder's idle flush already ran since the last line. */
  idleFlushed = true;
  fingerprint: { fingerprint: string; bytes: number };
  /** Creation time (ms) if the filesystem records it, else 0; orders rotated generations. */
  bornMs = 0;

  constructor(
    readonly handle: FileHandle,
    readonly dev: number,
    readonly ino: number,
    public path: string,
    readonly input: FileTailInput,
    public decoder: FileLineDecoder,
    start: ReadPosition,
    fingerprint: { fingerprint: string; bytes: number },
    nowMs: number,
  ) {
    this.position = { ...start };
    this.fingerprint = fingerprint;
    this.lastActivityMs = nowMs;
  }

  get key(): string {
    return fileKey(this.dev, this.ino);
  }

  /** The head fingerprint covers up to FINGERPRINT_BYTES; refresh it while the file is shorter. */
  async refreshFingerprint(): Promise<void> {
    if (this.fingerprint.bytes < FINGERPRINT_BYTES && this.size > this.fingerprint.bytes) {
      this.fingerprint = await fingerprintOf(this.handle);
    }
  }

  checkpoint(): FileCheckpoint {
    const cp: FileCheckpoint = {
      path: this.path,
      dev: this.dev,
      ino: this.ino,
      offset: this.position.offset,
      line: this.position.line,
      skipping: this.position.skipping,
      fingerprint: this.fingerprint.fingerprint,
      fingerprint_bytes: this.fingerprint.bytes,
    };
    const state = this.decoder.snapshot?.();
    if (state !== undefined) cp.decoder = state;
    return cp;
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** Whether a checkpoint describes this open file: same identity and the same first bytes. */
export async function checkpointMatches(handle: FileHandle, size: number, cp: FileCheckpoint): Promise<boolean> {
  if (cp.offset > size) return false;
  if (cp.fingerprint_bytes === 0) return true;
  if (size < cp.fingerprint_bytes) return false;
  const now = await fingerprintOf(handle, cp.fingerprint_bytes);
  return now.fingerprint === cp.fingerprint;
}
