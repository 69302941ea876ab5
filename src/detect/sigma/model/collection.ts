/**
 * Loading a rule set: YAML text, files and folders → rules, correlations and filters, plus every
 * located problem. Handles multi-document files and Sigma 1.x rule collections
 * (`action: global` merged into the following documents, `reset`, `repeat`).
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SigmaDiagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { YMap, YNode } from '../yaml/located-yaml.js';
import { deepMerge, mapGet, parseYamlDocuments } from '../yaml/located-yaml.js';
import { parseSigmaDocument } from './parse-document.js';
import { Problems } from './problems.js';
import type { SigmaCorrelation, SigmaDocument, SigmaFilter, SigmaRule } from './types.js';
import { ruleKey } from './types.js';

export interface SigmaRuleSet {
  rules: SigmaRule[];
  correlations: SigmaCorrelation[];
  filters: SigmaFilter[];
  /** Every problem found, errors and warnings, in file order. */
  diagnostics: SigmaDiagnostic[];
  /** Files read (for summaries). */
  files: string[];
  /** Documents that did not become a rule because of errors, with the file they are in. */
  rejected: Array<{ file: string; line: number; col: number; rule?: string; error: string }>;
}

export function emptyRuleSet(): SigmaRuleSet {
  return { rules: [], correlations: [], filters: [], diagnostics: [], files: [], rejected: [] };
}

/** Parse the YAML text of one file (single or multi-document) into the rule set. */
export function addSigmaText(set: SigmaRuleSet, text: string, file: string): void {
  set.files.push(file);
  const { docs, errors } = parseYamlDocuments(text, file);
  for (const e of errors) {
    set.diagnostics.push(e);
    set.rejected.push({ file, line: e.line, col: e.col, error: e.message });
  }
  let global: YNode | null = null;
  let previous: YMap | null = null;
  docs.forEach((d, index) => {
    if (d.node === null) return;
    if (d.node.kind !== 'map') {
      const e = diagnostic('error', file, d.node.pos, 'a Sigma document must be a map');
      set.diagnostics.push(e);
      set.rejected.push({ file, line: e.line, col: e.col, error: e.message });
      return;
    }
    const actionEntry = mapGet(d.node, 'action');
    const action = actionEntry?.value.kind === 'scalar' ? actionEntry.value.value : undefined;
    const body: YMap = { ...d.node, entries: d.node.entries.filter((e) => e.key !== 'action') };
    let doc: YMap;
    if (action === 'global') {
      global = global ? deepMerge(global, body) : body;
      return;
    } else if (action === 'reset') {
      global = null;
      return;
    } else if (action === 'repeat') {
      if (!previous) {
        const e = diagnostic('error', file, actionEntry!.keyPos, 'action: repeat without a previous rule in the file');
        set.diagnostics.push(e);
        set.rejected.push({ file, line: e.line, col: e.col, error: e.message });
        return;
      }
      doc = deepMerge(previous, body) as YMap;
    } else if (action !== undefined) {
      const e = diagnostic('error', file, actionEntry!.value.pos, `unknown action '${String(action)}' (expected global, reset or repeat)`);
      set.diagnostics.push(e);
      set.rejected.push({ file, line: e.line, col: e.col, error: e.message });
      return;
    } else {
      doc = global ? (deepMerge(global, body) as YMap) : body;
    }
    previous = doc;
    addDocument(set, doc, file, index);
  });
}

function addDocument(set: SigmaRuleSet, doc: YMap, file: string, index: number): void {
  const p = new Problems(file);
  const parsed: SigmaDocument | undefined = parseSigmaDocument(doc, { file, pos: doc.pos, document: index }, p);
  set.diagnostics.push(...p.list);
  if (!parsed) {
    const first = p.list.find((d) => d.severity === 'error');
    const rej: SigmaRuleSet['rejected'][number] = { file, line: first?.line ?? doc.pos.line, col: first?.col ?? doc.pos.col, error: first?.message ?? 'invalid document' };
    if (p.rule) rej.rule = p.rule;
    set.rejected.push(rej);
    return;
  }
  if (parsed.kind === 'rule') set.rules.push(parsed);
  else if (parsed.kind === 'correlation') set.correlations.push(parsed);
  else set.filters.push(parsed);
}

export interface LoadOptions {
  /** Largest rule file read, in bytes. */
  max_file_bytes?: number;
}

/**
 * Load rules from files and folders (recursively, `.yml`/`.yaml`, sorted for a stable order).
 * Unreadable paths are located errors; nothing stops the rest.
 */
export function loadSigmaRules(paths: string[], opts: LoadOptions = {}): SigmaRuleSet {
  const set = emptyRuleSet();
  const maxBytes = opts.max_file_bytes ?? 4 * 1024 * 1024;
  const seen = new Set<string>();
  for (const path of paths) {
    for (const file of listRuleFiles(path, set, seen)) {
      let text: string;
      try {
        const size = statSync(file).size;
        if (size > maxBytes) throw new Error(`file is larger than ${maxBytes} bytes`);
        text = readFileSync(file, 'utf8');
      } catch (err) {
        const e = diagnostic('error', file, { line: 1, col: 1 }, `cannot read rule file: ${(err as Error).message}`);
        set.diagnostics.push(e);
        set.rejected.push({ file, line: 1, col: 1, error: e.message });
        continue;
      }
      addSigmaText(set, text, file);
    }
  }
  checkDuplicates(set);
  return set;
}

/** Rules from in-memory text (tests, API uploads). */
export function loadSigmaText(sources: Array<{ text: string; name: string }>): SigmaRuleSet {
  const set = emptyRuleSet();
  for (const s of sources) addSigmaText(set, s.text, s.name);
  checkDuplicates(set);
  return set;
}

function listRuleFiles(path: string, set: SigmaRuleSet, seen: Set<string>): string[] {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const e = diagnostic('error', path, { line: 1, col: 1 }, `cannot read: ${(err as Error).message}`);
    set.diagnostics.push(e);
    set.rejected.push({ file: path, line: 1, col: 1, error: e.message });
    return [];
  }
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  const walk = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return; // symlink loops and paths given twice
    seen.add(real);
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = statSync(p).isDirectory();
        } catch {
          continue;
        }
      }
      if (isDir) walk(p);
      else if (/\.ya?ml$/i.test(e.name) && !/\.tests\.ya?ml$/i.test(e.name)) out.push(p);
    }
  };
  walk(path);
  return out;
}

/** Two documents with the same id make references ambiguous: warn with both places. */
function checkDuplicates(set: SigmaRuleSet): void {
  const byId = new Map<string, SigmaDocument>();
  for (const r of [...set.rules, ...set.correlations, ...set.filters]) {
    if (!r.id) continue;
    const prev = byId.get(r.id);
    if (prev) {
      const where = `${relative(process.cwd(), prev.origin.file) || prev.origin.file}:${prev.origin.pos.line}`;
      set.diagnostics.push(diagnostic('warning', r.origin.file, r.origin.pos, `duplicate rule id ${r.id} (also at ${where})`, ruleKey(r)));
    } else byId.set(r.id, r);
  }
}
