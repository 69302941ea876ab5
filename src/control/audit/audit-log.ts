/**
 * The append-only audit trail. Each entry carries the SHA-256 of the previous entry's hash and
 * its own canonical JSON, so changing, removing or reordering a stored row breaks the chain
 * from that row on, and `verify` names the first entry that does not check out. (Someone able
 * to rewrite the whole table can recompute the chain; shipping the latest hash elsewhere, e.g.
 * to a log collector, closes that gap.)
 */
import { createHash } from 'node:crypto';
import type { ControlDb } from '../control-db.js';
import { canonicalJson } from './canonical-json.js';

export interface AuditInput {
  ts: number;
  /** User name, or `admin` for the bootstrap token, or `anonymous`. */
  actor: string;
  role: string | null;
  /** How the actor authenticated: session, api_token, admin_token, none. */
  via: string;
  /** `METHOD /route/pattern`, e.g. `PATCH /api/v1/incidents/:id`. */
  action: string;
  /** Route params and the non-secret parts of the request (search text, user named at sign-in). */
  target: Record<string, unknown>;
  status: number;
  ip: string | null;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(prevHash: string, entry: AuditInput & { seq: number }): string {
  const body = canonicalJson({ seq: entry.seq, ts: entry.ts, actor: entry.actor, role: entry.role, via: entry.via, action: entry.action, target: entry.target, status: entry.status, ip: entry.ip });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

interface AuditRow extends Omit<AuditEntry, 'target'> {
  target: string;
}

function fromRow(row: AuditRow): AuditEntry {
  let target: Record<string, unknown>;
  try {
    target = JSON.parse(row.target) as Record<string, unknown>;
  } catch {
    target = { unparseable: row.target };
  }
  return { ...row, target };
}

const VERIFY_PAGE = 1000;

export class AuditLog {
  private constructor(private readonly db: ControlDb) {}

  static async open(db: ControlDb): Promise<AuditLog> {
    await db.run(`CREATE TABLE IF NOT EXISTS vigil_audit (
      seq BIGINT PRIMARY KEY,
      ts BIGINT NOT NULL,
      actor VARCHAR NOT NULL,
      role VARCHAR,
      via VARCHAR NOT NULL,
      action VARCHAR NOT NULL,
      target VARCHAR NOT NULL,
      status BIGINT NOT NULL,
      ip VARCHAR,
      prev_hash VARCHAR NOT NULL,
      hash VARCHAR NOT NULL
    )`);
    return new AuditLog(db);
  }

  /** Appends in one transaction: reading the tail and writing the next entry cannot interleave. */
  async append(input: AuditInput): Promise<AuditEntry> {
    return this.db.transaction(async (tx) => {
      const last = await tx.all<{ seq: number; hash: string }>('SELECT seq, hash FROM vigil_audit ORDER BY seq DESC LIMIT 1');
      const seq = last.length ? Number(last[0].seq) + 1 : 1;
      const prev_hash = last.length ? last[0].hash : GENESIS_HASH;
      const hash = entryHash(prev_hash, { ...input, seq });
      await tx.run('INSERT INTO vigil_audit VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
        seq, input.ts, input.actor, input.role, input.via, input.action, canonicalJson(input.target), input.status, input.ip, prev_hash, hash,
      ]);
      return { ...input, seq, prev_hash, hash };
    });
  }

  /** Newest first. */
  async list(opts: { limit: number; offset: number; actor?: string; action?: string }): Promise<{ entries: AuditEntry[]; total: number }> {
    const where: string[] = [];
    const params: string[] = [];
    if (opts.actor) where.push(`actor = $${params.push(opts.actor)}`);
    if (opts.action) where.push(`action LIKE $${params.push(`%${opts.action.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.db.all<{ n: number }>(`SELECT count(*) AS n FROM vigil_audit ${clause}`, params);
    const rows = await this.db.all<AuditRow>(
      `SELECT * FROM vigil_audit ${clause} ORDER BY seq DESC LIMIT ${Math.trunc(opts.limit)} OFFSET ${Math.trunc(opts.offset)}`,
      params,
    );
    return { entries: rows.map(fromRow), total: Number(count.n) };
  }

  /**
   * Walks the chain in order, page by page (bounded memory). `first_bad` is the seq of the
   * first entry whose hash, link or position is wrong (a gap in seq means a removed entry).
   */
  async verify(): Promise<{ ok: boolean; entries: number; first_bad?: number; reason?: string }> {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let entries = 0;
    for (;;) {
      const rows = await this.db.all<AuditRow>(`SELECT * FROM vigil_audit WHERE seq >= $1 ORDER BY seq LIMIT ${VERIFY_PAGE}`, [expectedSeq]);
      for (const row of rows) {
        const seq = Number(row.seq);
        const entry = fromRow(row);
        let reason: string | undefined;
        if (seq !== expectedSeq) reason = `entry ${expectedSeq} is missing`;
        else if (row.prev_hash !== prev) reason = 'prev_hash does not match the previous entry';
        else if (entryHash(prev, { ...entry, status: Number(entry.status), ts: Number(entry.ts), seq }) !== row.hash) reason = 'content does not match its hash';
        if (reason) return { ok: false, entries, first_bad: seq === expectedSeq ? seq : expectedSeq, reason };
        prev = row.hash;
        expectedSeq++;
        entries++;
      }
      if (rows.length < VERIFY_PAGE) return { ok: true, entries };
    }
  }
}
