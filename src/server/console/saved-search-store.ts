/** Saved searches, shared by everyone who can search; only the owner or an admin deletes one. */
import { randomBytes } from 'node:crypto';
import type { ControlDb } from '../../control/control-db.js';

export interface SavedSearch {
  id: string;
  name: string;
  owner: string;
  q: string;
  from: string | null;
  to: string | null;
  columns: string[];
  created_at: number;
}

interface Row extends Omit<SavedSearch, 'columns' | 'from' | 'to'> {
  from_t: string | null;
  to_t: string | null;
  columns: string;
}

const MAX_SAVED = 1000;

export class SavedSearchStore {
  private constructor(private readonly db: ControlDb) {}

  static async open(db: ControlDb): Promise<SavedSearchStore> {
    await db.run(`CREATE TABLE IF NOT EXISTS vigil_saved_searches (
      id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, owner VARCHAR NOT NULL, q VARCHAR NOT NULL,
      from_t VARCHAR, to_t VARCHAR, columns VARCHAR NOT NULL, created_at BIGINT NOT NULL)`);
    return new SavedSearchStore(db);
  }

  async list(): Promise<SavedSearch[]> {
    const rows = await this.db.all<Row>(`SELECT * FROM vigil_saved_searches ORDER BY name LIMIT ${MAX_SAVED}`);
    return rows.map(({ from_t, to_t, columns, ...r }) => ({ ...r, from: from_t, to: to_t, columns: JSON.parse(columns) as string[] }));
  }

  async create(s: Omit<SavedSearch, 'id' | 'created_at'>): Promise<SavedSearch> {
    const [count] = await this.db.all<{ n: number }>('SELECT count(*) AS n FROM vigil_saved_searches');
    if (Number(count.n) >= MAX_SAVED) throw new Error(`at most ${MAX_SAVED} saved searches`);
    const saved: SavedSearch = { ...s, id: randomBytes(8).toString('hex'), created_at: Date.now() };
    await this.db.run('INSERT INTO vigil_saved_searches VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      saved.id, saved.name, saved.owner, saved.q, saved.from, saved.to, JSON.stringify(saved.columns), saved.created_at,
    ]);
    return saved;
  }

  async owner(id: string): Promise<string | undefined> {
    const rows = await this.db.all<{ owner: string }>('SELECT owner FROM vigil_saved_searches WHERE id = $1', [id]);
    return rows[0]?.owner;
  }

  async delete(id: string): Promise<void> {
    await this.db.run('DELETE FROM vigil_saved_searches WHERE id = $1', [id]);
  }
}
