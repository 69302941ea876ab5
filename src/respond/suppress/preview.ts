/**
 * Before a suppression is saved: what would it have hidden? Two answers over stored history.
 *
 * - `alerts`: the stored alerts in the range it matches, evaluated exactly as live detections
 *   are (same code, their stored events read back by id), with the detections and events
 *   behind them. This is "what the analyst would no longer have seen".
 * - `history` (Sigma filters only): stored events in the range, in the filter's logsource, that
 *   the filter would drop, counted by the filter compiled to SQL (sigma-sql). It shows how broad
 *   the filter is, whether or not those events ever raised an alert.
 */
import type { ControlDb } from '../../control/control-db.js';
import { huntStoredEvents } from '../../detect/sigma-sql/index.js';
import { eventsByIds, type EventReader } from '../events.js';
import { listAlerts } from '../store/alert-repo.js';
import { compileSigmaFilter } from './sigma-filter.js';
import { compileSuppression, type SuppressionInput } from './suppressions.js';
import type { SubjectEvent } from './subject.js';

export interface PreviewRange {
  /** Event time, epoch ms; open when absent. */
  from?: number;
  to?: number;
  /** Most stored alerts examined, newest first (default 1000). */
  max_alerts?: number;
}

export interface SuppressionPreview {
  alerts: {
    examined: number;
    /** True when more alerts were in range than were examined. */
    capped: boolean;
    matched: number;
    /** Detections merged into the matched alerts. */
    detections: number;
    /** Events behind the matched alerts. */
    events: number;
    sample: Array<{ id: string; rule_id: string; title: string; last_seen: number }>;
  };
  history?: { events: number; sample_event_ids: string[]; refused?: string };
}

export async function previewSuppression(db: ControlDb, reader: EventReader, input: SuppressionInput, range: PreviewRange): Promise<SuppressionPreview> {
  const suppression = compileSuppression(input);
  const limit = range.max_alerts ?? 1000;
  const { alerts, total } = await listAlerts(db, { ...(range.from !== undefined ? { from: range.from } : {}), ...(range.to !== undefined ? { to: range.to } : {}), limit, offset: 0 });

  let byId = new Map<string, SubjectEvent>();
  if (suppression.needsEvents) {
    byId = new Map((await eventsByIds(reader, alerts.flatMap((a) => a.event_ids))).map((e) => [e.id, e]));
  }
  const out: SuppressionPreview = { alerts: { examined: alerts.length, capped: total > alerts.length, matched: 0, detections: 0, events: 0, sample: [] } };
  for (const a of alerts) {
    const events = a.event_ids.map((id) => byId.get(id)).filter((e): e is SubjectEvent => e !== undefined);
    if (!suppression.matches({ rule: a.rule, kind: a.kind, entities: a.entities, events })) continue;
    out.alerts.matched++;
    out.alerts.detections += a.count;
    out.alerts.events += a.event_count;
    if (out.alerts.sample.length < 20) out.alerts.sample.push({ id: a.id, rule_id: a.rule.id, title: a.rule.title, last_seen: a.last_seen });
  }

  if (input.sigma !== undefined && reader.store) {
    const filter = compileSigmaFilter(input.sigma);
    const hunt = await huntStoredEvents(filter.bundle, reader.store, { ...(range.from !== undefined ? { from: range.from } : {}), ...(range.to !== undefined ? { to: range.to } : {}) });
    out.history = {
      events: hunt.detections.length,
      sample_event_ids: hunt.detections.slice(0, 20).map((d) => d.eventId),
      ...(hunt.refused.length ? { refused: hunt.refused[0].reason } : hunt.failed.length ? { refused: hunt.failed[0].error } : {}),
    };
  }
  return out;
}
