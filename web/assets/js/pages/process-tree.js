// Builds process trees from events carrying process.entity_id / process.parent.entity_id or,
// failing that, process.pid / process.parent.pid (scoped by host, since pids repeat across hosts).
import { html } from '../lib.js';
import { fmtTime } from '../ui.js';

function keyOf(e, parent) {
  const host = e['host.name'] || e['host.hostname'] || '';
  const entity = e[parent ? 'process.parent.entity_id' : 'process.entity_id'];
  if (entity) return `e:${entity}`;
  const pid = e[parent ? 'process.parent.pid' : 'process.pid'];
  return pid === undefined || pid === null ? undefined : `p:${host}:${pid}`;
}

/** Roots of the forest: [{ key, event, children }], processes seen only as parents included. */
export function buildProcessTree(events) {
  const nodes = new Map();
  const node = (key) => { let n = nodes.get(key); if (!n) nodes.set(key, (n = { key, event: undefined, children: [], hasParent: false })); return n; };
  for (const e of events) {
    const key = keyOf(e, false);
    if (!key) continue;
    const n = node(key);
    // The process's own event wins over what its children said about it, and one with a command line over one without.
    if (!n.event || n.placeholder || (!n.event['process.command_line'] && e['process.command_line'])) {
      n.event = e;
      n.placeholder = false;
    }
    const parentKey = keyOf(e, true);
    if (parentKey && parentKey !== key && !n.hasParent) {
      const p = node(parentKey);
      if (!p.event) {
        p.event = { 'process.name': e['process.parent.name'], 'process.executable': e['process.parent.executable'], 'process.pid': e['process.parent.pid'], 'host.name': e['host.name'] };
        p.placeholder = true;
      }
      p.children.push(n);
      n.hasParent = true;
    }
  }
  return [...nodes.values()].filter((n) => !n.hasParent);
}

function Node({ n, depth }) {
  const e = n.event || {};
  const name = e['process.name'] || e['process.executable'] || '(process)';
  return html`<li>
    <span class="proc"><b>${name}</b> <span class="muted">pid ${e['process.pid'] ?? '?'}${e['host.name'] ? ` on ${e['host.name']}` : ''} ${fmtTime(e['@timestamp'])}</span>
      ${e['process.command_line'] ? html`<code>${String(e['process.command_line']).slice(0, 300)}</code>` : ''}</span>
    ${n.children.length && depth < 30 ? html`<ul>${n.children.map((c) => html`<${Node} n=${c} depth=${depth + 1} />`)}</ul>` : ''}
  </li>`;
}

export function ProcessTree({ events }) {
  const roots = buildProcessTree(events);
  if (!roots.length) return html`<div class="muted">No process events in this incident.</div>`;
  return html`<ul class="tree" data-test="process-tree">${roots.map((n) => html`<${Node} n=${n} depth=${0} />`)}</ul>`;
}
