/**
 * File globs for the tail source: `*`, `?`, `[abc]`/`[!abc]`, `{a,b}` within a path segment,
 * and `**` for any depth of directories. Node 20 has no fs.glob, and the tail needs only
 * this much. Wildcards do not match a leading dot, as in shells. Directory walks are
 * bounded in depth and do not follow symbolic links to directories (no loops).
 */
import { readdir } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve, sep } from 'node:path';

const MAX_RECURSION_DEPTH = 16;

export function hasGlobChars(segment: string): boolean {
  return /[*?[{]/.test(segment);
}

/** A regular expression for one path segment pattern. */
export function segmentRegExp(pattern: string): RegExp {
  let re = '';
  let i = 0;
  let braceDepth = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '{') {
      braceDepth++;
      re += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      re += ')';
    } else if (c === ',' && braceDepth > 0) re += '|';
    else re += c.replace(/[.+^$()|\\]/g, '\\$&');
    i++;
  }
  if (braceDepth > 0) return new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const lead = pattern.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${lead}${re}$`);
}

/** Whether `path` matches `pattern`; a pattern without `/` is matched against the file name. */
export function matchesGlob(pattern: string, path: string): boolean {
  if (!pattern.includes('/')) return segmentRegExp(pattern).test(basename(path));
  const p = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  const s = path.split('/').filter((x, i) => x !== '' || i === 0);
  const match = (pi: number, si: number): boolean => {
    if (pi === p.length) return si === s.length;
    if (p[pi] === '**') {
      for (let k = si; k <= s.length; k++) if (match(pi + 1, k)) return true;
      return false;
    }
    return si < s.length && segmentRegExp(p[pi]).test(s[si]) && match(pi + 1, si + 1);
  };
  return match(0, 0);
}

async function listDir(dir: string): Promise<Array<{ name: string; isDir: boolean }>> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDir: e.isDirectory() }));
  } catch {
    // A directory that vanished or is unreadable matches nothing; the next poll tries again.
    return [];
  }
}

/** Every existing path matching the glob (files and directories alike), sorted. */
export async function expandGlob(pattern: string, cwd = process.cwd()): Promise<string[]> {
  const absolute = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
  const segments = absolute.split(sep).filter((s) => s.length > 0);
  const firstGlob = segments.findIndex(hasGlobChars);
  if (firstGlob < 0) return [absolute];
  const base = sep + segments.slice(0, firstGlob).join(sep);
  const out = new Set<string>();

  const walk = async (dir: string, rest: string[], depth: number): Promise<void> => {
    if (rest.length === 0) {
      out.add(dir);
      return;
    }
    const [head, ...tail] = rest;
    if (head === '**') {
      await walk(dir, tail, depth);
      if (depth >= MAX_RECURSION_DEPTH) return;
      for (const e of await listDir(dir)) {
        if (e.isDir && !e.name.startsWith('.')) await walk(join(dir, e.name), rest, depth + 1);
      }
      return;
    }
    if (!hasGlobChars(head)) {
      await walk(join(dir, head), tail, depth);
      return;
    }
    const re = segmentRegExp(head);
    for (const e of await listDir(dir)) {
      if (!re.test(e.name)) continue;
      if (tail.length > 0 && !e.isDir) continue;
      await walk(join(dir, e.name), tail, depth);
    }
  };
  await walk(base, segments.slice(firstGlob), 0);
  return [...out].sort();
}
