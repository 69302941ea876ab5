/**
 * Which files the inputs name right now: each glob expanded, excludes applied, and every
 * regular file identified by (device, inode) — the identity that survives renames. A file
 * matched by several inputs belongs to the first.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileKey } from './checkpoint-store.js';
import type { FileTailInput } from './config.js';
import { expandGlob, matchesGlob } from './glob.js';

export interface FoundFile {
  key: string;
  path: string;
  dev: number;
  ino: number;
  size: number;
  input: FileTailInput;
}

export async function discoverFiles(inputs: readonly FileTailInput[], globalExclude: readonly string[]): Promise<Map<string, FoundFile>> {
  const found = new Map<string, FoundFile>();
  for (const input of inputs) {
    const excludes = [...globalExclude, ...input.exclude];
    for (const path of await expandGlob(input.path)) {
      if (excludes.some((x) => matchesGlob(x, path))) continue;
      const st = await stat(path).catch(() => undefined);
      if (!st || !st.isFile()) continue;
      const key = fileKey(st.dev, st.ino);
      if (!found.has(key)) found.set(key, { key, path, dev: st.dev, ino: st.ino, size: st.size, input });
    }
  }
  return found;
}

/** The input a path belongs to, for a checkpointed file found again under another name. */
export function inputForPath(inputs: readonly FileTailInput[], path: string): FileTailInput | undefined {
  return inputs.find((i) => matchesGlob(resolve(i.path), path));
}

/**
 * Find a file by identity in a directory: a file rotated (renamed) while the source was
 * stopped still has its inode, usually next to its old name (`auth.log` → `auth.log.1`).
 */
export async function findByIdentity(dir: string, dev: number, ino: number): Promise<string | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const path = join(dir, name);
    const st = await stat(path).catch(() => undefined);
    if (st && st.isFile() && st.dev === dev && st.ino === ino) return path;
  }
  return undefined;
}

export interface Generation {
  path: string;
  dev: number;
  ino: number;
  bornMs: number;
}

/**
 * Rotated generations of `path` created after `bornAfterMs` (`app.log.1`, `app.log-2024...`):
 * when a log is rotated faster than the poll interval, a generation can be created and renamed
 * away between two polls, and only its creation time tells that it is newer than the file the
 * tail was reading. Needs file creation times (statx birthtime); without them, finds none.
 */
export async function laterGenerations(path: string, bornAfterMs: number, excludes: readonly string[]): Promise<Generation[]> {
  if (!(bornAfterMs > 0)) return [];
  const dir = dirname(path);
  const base = basename(path);
  const out: Generation[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.length <= base.length || !name.startsWith(base) || !'.-_'.includes(name[base.length])) continue;
    const full = join(dir, name);
    if (excludes.some((x) => matchesGlob(x, full))) continue;
    const st = await stat(full).catch(() => undefined);
    if (st && st.isFile() && st.birthtimeMs > bornAfterMs) out.push({ path: full, dev: st.dev, ino: st.ino, bornMs: st.birthtimeMs });
  }
  return out.sort((a, b) => a.bornMs - b.bornMs);
}
