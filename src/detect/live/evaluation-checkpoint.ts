/**
 * How far live detection got, kept in the control database so that a crash between the store
 * append and evaluation does not lose evaluation (ADR 0006). Detection evaluates stored batches
 * in store order; the checkpoint is the newest ingest time whose batch has been evaluated and
 * its detections delivered, saved at most every `interval_ms` while running, and marked clean
 * when a graceful shutdown has evaluated everything. After a start that finds it not clean,
 * the events stored since (minus a look-back covering ingest-order skew) are evaluated again:
 * at-least-once, like the rest of the data path (alerting folds repeats into the same alert).
 */
import type { ControlDb } from '../../control/control-db.js';

export interface CheckpointState {
  /** Epoch ms: events with an ingest time up to here were evaluated. */
  evaluatedThrough: number;
  /** True when the last process stopped gracefully with nothing left to evaluate. */
  clean: boolean;
}

export class EvaluationCheckpoint {
  private lastSaved = -Infinity;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: ControlDb,
    private readonly intervalMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async migrate(): Promise<void> {
    await this.db.run('CREATE TABLE IF NOT EXISTS detection_checkpoint (id INTEGER PRIMARY KEY, evaluated_through BIGINT NOT NULL, clean BOOLEAN NOT NULL, updated_at BIGINT NOT NULL)');
  }

  async read(): Promise<CheckpointState | undefined> {
    const rows = await this.db.all<{ evaluated_through: number; clean: boolean }>('SELECT evaluated_through, clean FROM detection_checkpoint WHERE id = 1');
    return rows[0] ? { evaluatedThrough: Number(rows[0].evaluated_through), clean: rows[0].clean } : undefined;
  }

  /** Saves unconditionally (start, graceful stop), after any save still running. */
  save(state: CheckpointState): Promise<void> {
    this.lastSaved = this.clock();
    const saved = this.saving.then(() =>
      this.db.run(
        'INSERT INTO detection_checkpoint VALUES (1, $1, $2, $3) ON CONFLICT (id) DO UPDATE SET evaluated_through = excluded.evaluated_through, clean = excluded.clean, updated_at = excluded.updated_at',
        [Math.floor(state.evaluatedThrough), state.clean, this.clock()],
      ),
    );
    // The caller learns of a failed save; the next save still runs.
    this.saving = saved.catch(() => undefined);
    return saved;
  }

  /** Saves a running (not clean) checkpoint when the interval has passed since the last save. */
  async advance(evaluatedThrough: number): Promise<void> {
    if (this.clock() - this.lastSaved < this.intervalMs) return;
    await this.save({ evaluatedThrough, clean: false });
  }
}
