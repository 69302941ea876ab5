/**
 * Rule changes made over the API, kept in the control-plane database so they survive a restart:
 * rules added or replaced (their YAML), and rules switched on or off (file rules included).
 */
import type { ControlDb } from '../../control/control-db.js';

export interface StoredRule {
  key: string;
  yaml: string;
  updated_at: number;
  updated_by: string;
}

export class RuleChangeStore {
  constructor(private readonly db: ControlDb) {}

  async migrate(): Promise<void> {
    await this.db.run('CREATE TABLE IF NOT EXISTS detection_rules (key VARCHAR PRIMARY KEY, yaml VARCHAR NOT NULL, updated_at BIGINT NOT NULL, updated_by VARCHAR NOT NULL)');
    await this.db.run('CREATE TABLE IF NOT EXISTS detection_rule_state (key VARCHAR PRIMARY KEY, enabled BOOLEAN NOT NULL, updated_at BIGINT NOT NULL, updated_by VARCHAR NOT NULL)');
  }

  rules(): Promise<StoredRule[]> {
    return this.db.all<StoredRule>('SELECT key, yaml, updated_at, updated_by FROM detection_rules ORDER BY key');
  }

  async disabledKeys(): Promise<Set<string>> {
    const rows = await this.db.all<{ key: string }>('SELECT key FROM detection_rule_state WHERE NOT enabled');
    return new Set(rows.map((r) => r.key));
  }

  putRule(rule: StoredRule): Promise<void> {
    return this.db.run(
      'INSERT INTO detection_rules VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE SET yaml = excluded.yaml, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
      [rule.key, rule.yaml, rule.updated_at, rule.updated_by],
    );
  }

  async deleteRule(key: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM detection_rules WHERE key = $1', [key]);
      await tx.run('DELETE FROM detection_rule_state WHERE key = $1', [key]);
    });
  }

  setEnabled(key: string, enabled: boolean, at: number, by: string): Promise<void> {
    return this.db.run(
      'INSERT INTO detection_rule_state VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
      [key, enabled, at, by],
    );
  }
}
