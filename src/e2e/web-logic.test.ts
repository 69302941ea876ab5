/**
 * The console's pure logic, imported from web/ as the browser loads it (the view library
 * resolves from node_modules in Node too): process trees, timeline flattening, chart pivots.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../testing/project-root.js';

const web = (file: string) => import(pathToFileURL(join(projectRoot(import.meta.url), 'web', 'assets', 'js', file)).href);

interface TreeNode { key: string; event: Record<string, unknown>; children: TreeNode[] }

test('process trees link by entity id, else by pid per host; parents seen only as parents become nodes', async () => {
  const { buildProcessTree } = (await web('pages/process-tree.js')) as { buildProcessTree: (e: object[]) => TreeNode[] };
  const roots = buildProcessTree([
    { 'host.name': 'a', 'process.pid': 10, 'process.parent.pid': 1, 'process.parent.name': 'explorer.exe', 'process.name': 'powershell.exe' },
    { 'host.name': 'a', 'process.pid': 11, 'process.parent.pid': 10, 'process.name': 'certutil.exe' },
    { 'host.name': 'b', 'process.pid': 11, 'process.parent.pid': 10, 'process.name': 'other.exe' },
    { 'process.entity_id': 'E2', 'process.parent.entity_id': 'E1', 'process.name': 'child' },
    { 'process.entity_id': 'E1', 'process.name': 'parent' },
    { 'host.name': 'a', message: 'no process here' },
  ]);
  const shape = (n: TreeNode): unknown => [n.event['process.name'], ...n.children.map(shape)];
  assert.deepEqual(roots.map(shape), [['explorer.exe', ['powershell.exe', ['certutil.exe']]], [undefined, ['other.exe']], ['parent', ['child']]]);
});

test('incident timelines flatten {ts, source, reason, fields} entries oldest first', async () => {
  const { timelineEvents } = (await web('pages/incident.js')) as { timelineEvents: (t: unknown) => Array<Record<string, unknown>> };
  const events = timelineEvents({ events: [
    { id: 'b', ts: 2000, source: 's2', reason: 'alert', fields: { '@timestamp': '2026-01-01T00:00:02Z', 'user.name': 'bob' } },
    { id: 'a', ts: 1000, source: 's1', reason: 'entity', fields: { '@timestamp': '2026-01-01T00:00:01Z' } },
  ], truncated: false });
  assert.deepEqual(events.map((e) => [e.id, e.source, e.why]), [['a', 's1', 'entity'], ['b', 's2', 'alert']]);
  assert.equal(events[1]['user.name'], 'bob');
});
