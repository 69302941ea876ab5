/**
 * SigmaHQ regression data (../shared/corpora/sigmahq-regression): every `.evtx` must parse
 * to the records of its `.json` twin (evtx_dump JSON, several objects back to back).
 *
 * Two documented differences in the twins, checked rather than hidden:
 * - the twins were written by a tool that trims trailing whitespace from string values;
 *   the logs themselves carry it (Sysmon command lines often end in a space, and Windows
 *   and the upstream XML snapshots show it), and we keep it. Strings are compared with
 *   trailing whitespace trimmed on both sides, and only there.
 * - one twin (ad691d92…) was exported from another tool and edited: its SystemTime has
 *   Windows' 100 ns digits and one path differs in letter case. Those two fields are
 *   listed and every other field must still match.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../testing/corpora.js';
import { readEvtxBuffer } from './file.js';

const KNOWN_EDITED: Record<string, Record<string, [string, string]>> = {
  'ad691d92-15f2-4181-9aa4-723c74f9ddc3.evtx': {
    'Event.System.TimeCreated.#attributes.SystemTime': ['2026-03-20T08:31:26.751156Z', '2026-03-20T08:31:26.751156500Z'],
    'Event.EventData.ParentCommandLine': ['C:\\Windows\\Explorer.EXE', 'C:\\Windows\\Explorer.exe'],
  },
};

/** Splits concatenated pretty-printed JSON objects. */
function splitObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' && depth++ === 0) start = i;
    else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

/** Copy with trailing whitespace trimmed from every string (see the note at the top). */
function trimmed(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/\s+$/, '');
  if (Array.isArray(v)) return v.map(trimmed);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trimmed(x)]));
  return v;
}

function withEdits(v: unknown, edits: Record<string, [string, string]> | undefined): unknown {
  if (!edits) return v;
  const copy = structuredClone(v) as Record<string, unknown>;
  for (const [path, [ours, theirs]] of Object.entries(edits)) {
    const keys = path.split('.');
    let node = copy as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
    const last = keys[keys.length - 1];
    assert.equal(node[last], theirs, `the twin's edited ${path}`);
    node[last] = ours;
  }
  return copy;
}

test('every regression .evtx parses to exactly the records of its .json twin', async (t) => {
  const root = corpusPath(t, 'sigmahq-regression');
  if (!root) return;
  const index = JSON.parse(readFileSync(join(root, 'INDEX.json'), 'utf8')) as Array<{ tests: Array<{ type: string; path: string }> }>;
  const paths = index.flatMap((e) => e.tests.filter((x) => x.type === 'evtx').map((x) => x.path));
  assert.ok(paths.length >= 50, `${paths.length} evtx tests`);
  for (const rel of paths) {
    await t.test(rel.split('/').slice(-2).join('/'), () => {
      const evtx = join(root, rel);
      const twins = splitObjects(readFileSync(evtx.replace(/\.evtx$/, '.json'), 'utf8'));
      const items = [...readEvtxBuffer(readFileSync(evtx))];
      assert.deepEqual(items.filter((i) => i.kind === 'damage'), [], 'no damage');
      const events = items.flatMap((i) => (i.kind === 'record' ? [i.record.event] : []));
      assert.equal(events.length, twins.length, 'record count');
      const edits = KNOWN_EDITED[rel.split('/').pop() ?? ''];
      events.forEach((ev, i) => {
        const ours = trimmed(JSON.parse(JSON.stringify(ev)));
        const theirs = trimmed(withEdits(twins[i], edits));
        assert.deepEqual(ours, theirs, `record ${i}`);
      });
    });
  }
});
