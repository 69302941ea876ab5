/**
 * Asset and identity tables uploaded over the API (`PUT /api/v1/context/assets|identities`), kept
 * in the control-plane database so they survive restarts, and applied to the running enrichers.
 * An upload replaces the table from the config file; rows with errors are reported by line and
 * skipped, the others apply.
 */
import type { ControlDb } from '../control/control-db.js';
import { AssetContextEnricher, IdentityContextEnricher } from './context.js';
import { parseAssetCsv, parseIdentityCsv } from './context-tables.js';
import type { Enricher } from './enricher.js';

export type ContextKind = 'assets' | 'identities';
export const CONTEXT_KINDS: readonly ContextKind[] = ['assets', 'identities'];

export interface ContextUploadResult {
  kind: ContextKind;
  rows: number;
  errors: Array<{ line: number; message: string }>;
}

export class ContextUploads {
  private constructor(
    private readonly db: ControlDb,
    private readonly assets: AssetContextEnricher | undefined,
    private readonly identities: IdentityContextEnricher | undefined,
  ) {}

  /** Creates the table and applies what earlier uploads stored. */
  static async open(db: ControlDb, enrichers: readonly Enricher[]): Promise<ContextUploads> {
    await db.run('CREATE TABLE IF NOT EXISTS context_tables (kind VARCHAR PRIMARY KEY, csv VARCHAR NOT NULL, updated_at BIGINT NOT NULL, updated_by VARCHAR NOT NULL)');
    const assets = enrichers.find((e): e is AssetContextEnricher => e instanceof AssetContextEnricher);
    const identities = enrichers.find((e): e is IdentityContextEnricher => e instanceof IdentityContextEnricher);
    const uploads = new ContextUploads(db, assets, identities);
    for (const row of await db.all<{ kind: ContextKind; csv: string }>('SELECT kind, csv FROM context_tables')) uploads.apply(row.kind, row.csv);
    return uploads;
  }

  enabled(kind: ContextKind): boolean {
    return (kind === 'assets' ? this.assets : this.identities) !== undefined;
  }

  size(kind: ContextKind): number {
    return (kind === 'assets' ? this.assets : this.identities)?.size ?? 0;
  }

  async upload(kind: ContextKind, csv: string, by: string, now: number): Promise<ContextUploadResult> {
    const result = this.apply(kind, csv);
    await this.db.run(
      'INSERT INTO context_tables VALUES ($1, $2, $3, $4) ON CONFLICT (kind) DO UPDATE SET csv = excluded.csv, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
      [kind, csv, now, by],
    );
    return result;
  }

  private apply(kind: ContextKind, csv: string): ContextUploadResult {
    if (kind === 'assets') {
      const t = parseAssetCsv(csv);
      this.assets?.replace(t.entries);
      return { kind, rows: t.entries.size, errors: t.errors };
    }
    const t = parseIdentityCsv(csv);
    this.identities?.replace(t.entries);
    return { kind, rows: t.entries.size, errors: t.errors };
  }
}
