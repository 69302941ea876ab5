/**
 * One ingest call against the working set: every fold decided in memory, then everything
 * written in ONE transaction. When that transaction fails, memory is rebuilt from the database
 * and the folds are retried one transaction each, so one unwritable alert does not take the
 * rest of the call with it (the caller learns exactly which detections failed).
 */
import type { ControlDb } from '../../control/control-db.js';
import type { AlertingConfig } from '../config.js';
import type { Alert } from '../model.js';
import type { CriticalityLookup } from '../store/risk-repo.js';
import { applyFold, type Applied } from './apply.js';
import { Changes, persistChanges } from './changes.js';
import { markRisk, reloadState } from './risk-cache.js';
import type { WorkingSet } from './working-set.js';

export interface Fold {
  alert: Alert;
  size: number;
}

export interface FoldOutcome extends Fold {
  applied?: Applied;
  error?: string;
}

export interface CallOutcome {
  folds: FoldOutcome[];
  /** Set when the suppressed detections could not be recorded (they count as failed). */
  suppressedError?: string;
}

export interface CommitContext {
  db: ControlDb;
  state: WorkingSet;
  cfg: AlertingConfig;
  criticality: CriticalityLookup;
}

/** Memory must answer for every candidate of these folds: load what is older than it holds. */
export async function coverFolds(ctx: CommitContext, folds: readonly Fold[]): Promise<void> {
  if (folds.length === 0) return;
  const { dedup, grouping } = ctx.cfg;
  const reach = Math.max(dedup.window_ms, grouping.window_ms, grouping.reopen_within_ms);
  await ctx.state.extendTo(ctx.db, folds.reduce((m, f) => Math.min(m, f.alert.first_seen), Infinity) - reach);
}

export async function commitCall(ctx: CommitContext, folds: readonly Fold[], suppressed: Changes['suppressed'], now: number): Promise<CallOutcome> {
  try {
    await coverFolds(ctx, folds);
  } catch (err) {
    // Could not read what memory lacks: nothing was decided or written; the caller may retry all of it.
    return { folds: folds.map((f) => ({ ...f, error: String(err) })), ...(suppressed.length ? { suppressedError: String(err) } : {}) };
  }
  const changes = new Changes();
  changes.suppressed.push(...suppressed);
  const applied = folds.map((f) => applyFold(ctx.state, changes, f.alert, ctx.cfg, now));
  if (changes.empty) return { folds: folds.map((f, i) => ({ ...f, applied: applied[i] })) };
  try {
    await ctx.db.transaction((tx) => persistChanges(tx, changes, now));
    markRisk(ctx.state, changes, now);
    return { folds: folds.map((f, i) => ({ ...f, applied: applied[i] })) };
  } catch {
    // Rolled back: memory holds decisions that were not written. Rebuild it, then go fold by fold.
    await reloadState(ctx, now);
    return oneByOne(ctx, folds, suppressed, now);
  }
}

async function oneByOne(ctx: CommitContext, folds: readonly Fold[], suppressed: Changes['suppressed'], now: number): Promise<CallOutcome> {
  const out: CallOutcome = { folds: [] };
  if (suppressed.length) {
    const changes = new Changes();
    changes.suppressed.push(...suppressed);
    try {
      await ctx.db.transaction((tx) => persistChanges(tx, changes, now));
    } catch (err) {
      out.suppressedError = String(err);
    }
  }
  await coverFolds(ctx, folds);
  for (const f of folds) {
    const changes = new Changes();
    const applied = applyFold(ctx.state, changes, f.alert, ctx.cfg, now);
    try {
      await ctx.db.transaction((tx) => persistChanges(tx, changes, now));
      markRisk(ctx.state, changes, now);
      out.folds.push({ ...f, applied });
    } catch (err) {
      await reloadState(ctx, now);
      await coverFolds(ctx, folds);
      out.folds.push({ ...f, error: String(err) });
    }
  }
  return out;
}

