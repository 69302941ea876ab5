/**
 * Asset and identity context from operator-maintained CSV files.
 *
 * Assets (header `host,criticality,owner`, optional `environment`, `tags`):
 *   host: the host name as events carry it in host.name (matched case-insensitively, and by
 *   its short name before the first dot, so `ws-1` and `WS-1.corp.example.com` are one asset);
 *   criticality: 1 (lowest) to 5 (crown jewels); owner: a person or team.
 * Identities (header `user,privileged,department`, optional `title`):
 *   user: the account name as in user.name (case-insensitive; `DOMAIN\user` and `user@domain`
 *   in events match `user`); privileged: true/false/yes/no/1/0; department: free text.
 *
 * Rows with errors are reported with their line and skipped; the rest load.
 */
import { parseCsvTable } from './csv-table.js';

export interface AssetInfo {
  criticality: number;
  owner?: string;
  environment?: string;
  tags?: string[];
}

export interface IdentityInfo {
  privileged: boolean;
  department?: string;
  title?: string;
}

export interface ContextTable<T> {
  entries: Map<string, T>;
  errors: { line: number; message: string }[];
}

export function hostKey(name: string): string[] {
  const lower = name.toLowerCase();
  const dot = lower.indexOf('.');
  return dot > 0 ? [lower, lower.slice(0, dot)] : [lower];
}

export function userKey(name: string): string {
  const lower = name.toLowerCase();
  const slash = lower.lastIndexOf('\\');
  if (slash >= 0) return lower.slice(slash + 1);
  const at = lower.indexOf('@');
  return at > 0 ? lower.slice(0, at) : lower;
}

export function parseAssetCsv(text: string): ContextTable<AssetInfo> {
  const table = parseCsvTable(text, ['host', 'criticality']);
  const entries = new Map<string, AssetInfo>();
  const errors = table.errors.slice();
  for (const { line, values } of table.rows) {
    const c = Number(values.criticality);
    if (values.host === '') errors.push({ line, message: 'empty host' });
    else if (!Number.isInteger(c) || c < 1 || c > 5) errors.push({ line, message: `criticality must be 1 to 5, got '${values.criticality}'` });
    else {
      const info: AssetInfo = { criticality: c };
      if (values.owner) info.owner = values.owner;
      if (values.environment) info.environment = values.environment;
      if (values.tags) info.tags = values.tags.split(/[;|]/).map((t) => t.trim()).filter(Boolean);
      for (const k of hostKey(values.host)) if (!entries.has(k) || k === values.host.toLowerCase()) entries.set(k, info);
    }
  }
  return { entries, errors };
}

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n', '']);

export function parseIdentityCsv(text: string): ContextTable<IdentityInfo> {
  const table = parseCsvTable(text, ['user', 'privileged']);
  const entries = new Map<string, IdentityInfo>();
  const errors = table.errors.slice();
  for (const { line, values } of table.rows) {
    const p = values.privileged.toLowerCase();
    if (values.user === '') errors.push({ line, message: 'empty user' });
    else if (!TRUE.has(p) && !FALSE.has(p)) errors.push({ line, message: `privileged must be true or false, got '${values.privileged}'` });
    else {
      const info: IdentityInfo = { privileged: TRUE.has(p) };
      if (values.department) info.department = values.department;
      if (values.title) info.title = values.title;
      entries.set(userKey(values.user), info);
    }
  }
  return { entries, errors };
}
