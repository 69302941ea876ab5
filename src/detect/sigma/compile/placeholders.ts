/**
 * Values for `|expand` placeholders (`%Administrators%`). The specification leaves their meaning
 * to the tool and says a tool that cannot resolve a placeholder must reject the rule; Vigil
 * resolves them from a placeholder file and rejects rules whose placeholders have no values.
 *
 * Formats: a YAML or JSON map `{name: [value, ...]}`, or a folder of `<name>.txt` files with one
 * value per line. Values are Sigma strings, so `srv*` is a wildcard pattern.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse } from 'yaml';

export type PlaceholderValues = ReadonlyMap<string, readonly string[]>;

const MAX_PLACEHOLDER_FILE_BYTES = 16 * 1024 * 1024;

export function placeholdersFromObject(obj: unknown, where: string): Map<string, string[]> {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new Error(`${where}: placeholder file must be a map of name → list of values`);
  }
  const out = new Map<string, string[]>();
  for (const [name, v] of Object.entries(obj as Record<string, unknown>)) {
    const list = Array.isArray(v) ? v : [v];
    const values: string[] = [];
    for (const item of list) {
      if (item === null || typeof item === 'object') throw new Error(`${where}: placeholder '${name}' has a value that is not a string or number`);
      values.push(String(item));
    }
    out.set(name.replace(/^%|%$/g, ''), values);
  }
  return out;
}

/** Load placeholder values from files and folders; later files override earlier names. */
export function loadPlaceholders(paths: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (extname(name) !== '.txt') continue;
        const text = readBounded(join(path, name));
        out.set(basename(name, '.txt'), text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
      }
      continue;
    }
    const text = readBounded(path);
    let obj: unknown;
    try {
      obj = parse(text, { maxAliasCount: 100 });
    } catch (err) {
      throw new Error(`${path}: ${(err as Error).message}`);
    }
    for (const [k, v] of placeholdersFromObject(obj, path)) out.set(k, v);
  }
  return out;
}

function readBounded(path: string): string {
  if (statSync(path).size > MAX_PLACEHOLDER_FILE_BYTES) throw new Error(`${path}: placeholder file is larger than ${MAX_PLACEHOLDER_FILE_BYTES} bytes`);
  return readFileSync(path, 'utf8');
}
