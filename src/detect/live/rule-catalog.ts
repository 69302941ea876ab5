/**
 * The rules the running server evaluates: rule files and folders from the config, plus rules
 * added or replaced over the API (a rule uploaded with the key of a file rule replaces it).
 * Compiling is all or nothing per rule: a bad upload is refused with file:line:col before it
 * is stored; a bad rule in a folder is reported and the others load.
 */
import { readFileSync } from 'node:fs';
import type { CompileResult, PlaceholderValues, SigmaRuleSet } from '../sigma/index.js';
import { addSigmaText, compileSigmaBundle, formatDiagnostic, loadPlaceholders, loadSigmaRules, loadSigmaText } from '../sigma/index.js';
import { BadInputError } from '../../core/errors.js';
import type { RuleChangeStore } from './rule-store.js';

export interface RuleCatalogOptions {
  /** Rule files and folders (recursively). */
  paths: string[];
  placeholders: string[];
}

/** Where an uploaded rule's text lives in diagnostics. */
export const API_RULE_FILE_PREFIX = 'api:';

export class RuleCatalog {
  private readonly placeholders: PlaceholderValues | undefined;

  constructor(
    private readonly opts: RuleCatalogOptions,
    readonly changes: RuleChangeStore,
  ) {
    this.placeholders = opts.placeholders.length ? loadPlaceholders(opts.placeholders) : undefined;
  }

  get compileOptions(): { placeholders?: PlaceholderValues } {
    return this.placeholders ? { placeholders: this.placeholders } : {};
  }

  /** Loads everything and compiles one bundle. */
  async compile(): Promise<CompileResult> {
    const set = loadSigmaRules(this.opts.paths);
    const uploaded = await this.changes.rules();
    const replaced = new Set(uploaded.map((r) => r.key));
    set.rules = set.rules.filter((r) => !replaced.has(r.id ?? r.name ?? ''));
    set.correlations = set.correlations.filter((c) => !replaced.has(c.id ?? c.name ?? ''));
    for (const r of uploaded) addSigmaText(set, r.yaml, `${API_RULE_FILE_PREFIX}${r.key}`);
    return compileSigmaBundle(set, this.compileOptions);
  }

  /**
   * Checks uploaded YAML: exactly one rule or correlation with an `id` (or `name`), no errors.
   * Returns its key; throws BadInputError listing every located error otherwise.
   */
  validateUpload(yaml: string, name = 'upload'): { key: string; set: SigmaRuleSet } {
    const set = loadSigmaText([{ text: yaml, name }]);
    const errors = set.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new BadInputError(errors.map(formatDiagnostic).join('\n'));
    const docs = [...set.rules, ...set.correlations];
    if (docs.length !== 1) throw new BadInputError(`${name}: expected exactly one rule or correlation, found ${docs.length}`);
    const key = docs[0].id ?? docs[0].name;
    if (!key) throw new BadInputError(`${name}: an uploaded rule needs an id (or a name) to be referred to`);
    const compiled = compileSigmaBundle(set, this.compileOptions);
    if (compiled.rejected.length) throw new BadInputError(compiled.rejected.map((r) => `${r.file}:${r.line}:${r.col}: ${r.error}`).join('\n'));
    return { key, set };
  }

  /** The YAML text a rule came from: the uploaded text, or the whole file it is written in. */
  async sourceOf(file: string): Promise<string | undefined> {
    if (file.startsWith(API_RULE_FILE_PREFIX)) {
      const key = file.slice(API_RULE_FILE_PREFIX.length);
      return (await this.changes.rules()).find((r) => r.key === key)?.yaml;
    }
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }
}
