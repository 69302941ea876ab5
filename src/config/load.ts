/**
 * Loading vigil.yaml: optional file, YAML with source positions, validation errors that name
 * the path and line:col in the file. Command-line and environment overrides are applied by
 * the caller (only `main` reads the environment) before validation, so they are checked too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { configSchema, type VigilConfig } from './schema.js';
import { getSourceDefinition, sourceTypes } from '../collector/registry.js';

/** A configured, enabled source with its config validated by its own definition. */
export interface ResolvedSource {
  id: string;
  type: string;
  config: unknown;
}

/** A source that runs unless the config file turns it off. */
export interface DefaultSource {
  id: string;
  type: string;
}

export interface LoadedConfig extends VigilConfig {
  resolvedSources: ResolvedSource[];
}

export interface ConfigOverrides {
  data_dir?: string;
  http_address?: string;
}

function locate(doc: Document | undefined, lc: LineCounter, path: PropertyKey[]): string {
  if (!doc) return '';
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n).map(String), true);
    if (isNode(node) && node.range) {
      const { line, col } = lc.linePos(node.range[0]);
      return `:${line}:${col}`;
    }
  }
  return '';
}

export function formatIssues(issues: z.core.$ZodIssue[], file: string, doc?: Document, lc = new LineCounter()): string {
  return issues
    .map((i) => {
      const path = i.path.map(String).join('.') || '(root)';
      return `${file}${locate(doc, lc, i.path)}: ${path}: ${i.message}`;
    })
    .join('\n');
}

/** Parses and validates config text; throws ConfigError listing every problem. */
export function parseConfig(text: string, file: string, overrides: ConfigOverrides = {}, defaultSources: DefaultSource[] = []): LoadedConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    throw new ConfigError(e.message.split('\n')[0], pos ? `${file}:${pos.line}:${pos.col}` : file);
  }
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) throw new ConfigError('the config file must be a mapping of settings', file);
  const raw = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (overrides.data_dir !== undefined) raw.data_dir = overrides.data_dir;
  if (overrides.http_address !== undefined) raw.http = { ...((raw.http as object) ?? {}), address: overrides.http_address };
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(`invalid configuration\n${formatIssues(result.error.issues, file, doc, lc)}`, file);
  const issues: z.core.$ZodIssue[] = [];
  const resolvedSources: ResolvedSource[] = [];
  const entries = { ...Object.fromEntries(defaultSources.map((d) => [d.id, { type: d.type, enabled: true }])), ...result.data.sources };
  for (const [id, entry] of Object.entries(entries)) {
    const { type, enabled, ...rest } = entry as { type: string; enabled: boolean } & Record<string, unknown>;
    const def = getSourceDefinition(type);
    if (!def) {
      issues.push({ code: 'custom', path: ['sources', id, 'type'], message: `unknown source type "${type}" (known: ${sourceTypes().join(', ') || 'none'})`, input: type } as z.core.$ZodIssue);
      continue;
    }
    const parsed = def.config.safeParse(rest);
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push({ ...i, path: ['sources', id, ...i.path] });
      continue;
    }
    if (enabled !== false) resolvedSources.push({ id, type, config: parsed.data });
  }
  if (issues.length) throw new ConfigError(`invalid configuration\n${formatIssues(issues, file, doc, lc)}`, file);
  return { ...result.data, resolvedSources };
}

/** Loads `file` if given (it must exist) or ./vigil.yaml if present; otherwise all defaults. */
export function loadConfig(
  file: string | undefined,
  cwd: string,
  overrides: ConfigOverrides = {},
  defaultSources: DefaultSource[] = [],
): { config: LoadedConfig; file?: string } {
  const path = file ?? (existsSync(`${cwd}/vigil.yaml`) ? `${cwd}/vigil.yaml` : undefined);
  if (path === undefined) return { config: parseConfig('', '(defaults)', overrides, defaultSources) };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file: ${(err as Error).message}`, path);
  }
  return { config: parseConfig(text, path, overrides, defaultSources), file: path };
}
