/**
 * Per-exporter decoding state: templates, what options records said (sampling, system
 * init time), sequence tracking, and data sets waiting for their template.
 *
 * A session is one exporter transport (address and port, as RFC 7011 §8 scopes templates
 * to the transport session) × protocol version × observation domain / source id. All
 * state is bounded: sessions, templates per session, pending bytes; templates expire
 * when not refreshed within `templateExpiryMs` of the caller's clock (there is no clock
 * here: every call passes `now`).
 */
import type { Template } from './templates.js';

export interface Exporter {
  address: string;
  port: number;
}

export interface NetflowSessionOptions {
  /** A template not refreshed for this long is forgotten (RFC 7011 §8.4). */
  templateExpiryMs: number;
  /** How long data sets for a not-yet-known template are kept; 0 disables buffering. */
  pendingMaxAgeMs: number;
  /** Bytes of pending data sets kept over all sessions; the oldest go first. */
  pendingMaxBytes: number;
  maxSessions: number;
  maxTemplatesPerSession: number;
}

export const DEFAULT_SESSION_OPTIONS: NetflowSessionOptions = {
  templateExpiryMs: 30 * 60_000,
  pendingMaxAgeMs: 10_000,
  pendingMaxBytes: 4 * 1024 * 1024,
  maxSessions: 1024,
  maxTemplatesPerSession: 1024,
};

/** The packet header values a data set needs to be decoded later. */
export interface PacketHeader {
  version: 5 | 9 | 10;
  exportSeconds: number;
  /** NetFlow v5 only: nanoseconds of the export time. */
  exportNanos: number;
  /** NetFlow v5/v9: exporter uptime at export, ms; undefined for IPFIX. */
  sysUpTimeMs: number | undefined;
  sequence: number;
  domainId: number;
}

export interface PendingSet {
  templateId: number;
  bytes: Buffer;
  /** Offset of the set in its datagram, for rejections. */
  offset: number;
  header: PacketHeader;
  receivedAt: number;
}

/** What options records told us about the exporter; applied to its flows. */
export interface ExporterOptions {
  systemInitTimeMs?: number;
  samplingInterval?: number;
  samplingAlgorithm?: number;
}

export interface Session {
  key: string;
  exporter: Exporter;
  version: 5 | 9 | 10;
  domainId: number;
  templates: Map<number, Template>;
  pending: PendingSet[];
  options: ExporterOptions;
  expectedSequence: number | undefined;
  /** Records (IPFIX, v5) or packets (v9) the exporter sent that never arrived, by sequence numbers. */
  sequenceGap: number;
  lastSeen: number;
}

export interface SessionStats {
  sessions: number;
  templates: number;
  optionsTemplates: number;
  pendingSets: number;
  pendingBytes: number;
  templatesExpired: number;
  sequenceGap: number;
}

export class NetflowSessionStore {
  readonly options: NetflowSessionOptions;
  private readonly sessions = new Map<string, Session>();
  private pendingBytes = 0;
  private templatesExpired = 0;

  constructor(options: Partial<NetflowSessionOptions> = {}) {
    this.options = { ...DEFAULT_SESSION_OPTIONS, ...options };
  }

  /** The session for this exporter/version/domain, created on first sight; undefined when the session limit is reached. */
  session(exporter: Exporter, version: 5 | 9 | 10, domainId: number, now: number): Session | undefined {
    const key = `${exporter.address}|${exporter.port}|${version}|${domainId}`;
    let s = this.sessions.get(key);
    if (!s) {
      if (this.sessions.size >= this.options.maxSessions) return undefined;
      s = { key, exporter, version, domainId, templates: new Map(), pending: [], options: {}, expectedSequence: undefined, sequenceGap: 0, lastSeen: now };
      this.sessions.set(key, s);
    }
    s.lastSeen = now;
    return s;
  }

  /** A live template, or undefined (expired ones are forgotten here). */
  template(session: Session, id: number, now: number): Template | undefined {
    const t = session.templates.get(id);
    if (t && now - t.learnedAt > this.options.templateExpiryMs) {
      session.templates.delete(id);
      this.templatesExpired++;
      return undefined;
    }
    return t;
  }

  /** Stores a template; false when the session already holds its maximum of other templates. */
  learn(session: Session, template: Template): boolean {
    if (!session.templates.has(template.id) && session.templates.size >= this.options.maxTemplatesPerSession) return false;
    session.templates.set(template.id, template);
    return true;
  }

  withdraw(session: Session, templateId: number, options: boolean | undefined): void {
    if (templateId === 2 || templateId === 3) {
      // RFC 7011 §8.1: a withdrawal whose id equals the set id withdraws all templates of that kind.
      for (const [id, t] of session.templates) if (t.options === (templateId === 3)) session.templates.delete(id);
      return;
    }
    const t = session.templates.get(templateId);
    if (t && (options === undefined || t.options === options)) session.templates.delete(templateId);
  }

  /** Keeps a data set until its template arrives; returns sets evicted to stay within the byte budget. */
  hold(session: Session, set: PendingSet): PendingSet[] {
    if (this.options.pendingMaxAgeMs <= 0 || set.bytes.length > this.options.pendingMaxBytes) return [set];
    session.pending.push(set);
    this.pendingBytes += set.bytes.length;
    const evicted: PendingSet[] = [];
    while (this.pendingBytes > this.options.pendingMaxBytes) {
      const oldest = this.oldestPending();
      if (!oldest) break;
      evicted.push(this.removePending(oldest.session, oldest.index));
    }
    return evicted;
  }

  /** Removes and returns, in arrival order, the pending sets whose template is now known. */
  takeResolvable(session: Session, now: number): PendingSet[] {
    if (session.pending.length === 0) return [];
    const ready: PendingSet[] = [];
    const waiting: PendingSet[] = [];
    for (const p of session.pending) (this.template(session, p.templateId, now) ? ready : waiting).push(p);
    if (ready.length > 0) {
      session.pending = waiting;
      for (const p of ready) this.pendingBytes -= p.bytes.length;
    }
    return ready;
  }

  /**
   * Forgets expired templates, idle sessions, and pending sets older than the buffering
   * window. Returns the pending sets given up on, so the caller can count and dead-letter them.
   */
  sweep(now: number): PendingSet[] {
    const expired: PendingSet[] = [];
    for (const [key, s] of this.sessions) {
      for (const [id, t] of s.templates) {
        if (now - t.learnedAt > this.options.templateExpiryMs) {
          s.templates.delete(id);
          this.templatesExpired++;
        }
      }
      const keep: PendingSet[] = [];
      for (const p of s.pending) {
        if (now - p.receivedAt > this.options.pendingMaxAgeMs) {
          expired.push(p);
          this.pendingBytes -= p.bytes.length;
        } else keep.push(p);
      }
      s.pending = keep;
      if (s.templates.size === 0 && s.pending.length === 0 && now - s.lastSeen > this.options.templateExpiryMs) this.sessions.delete(key);
    }
    return expired;
  }

  /** Sequence accounting: `units` is what this packet advances the exporter's counter by. */
  trackSequence(session: Session, sequence: number, units: number | undefined): void {
    const expected = session.expectedSequence;
    if (expected !== undefined) {
      const gap = (sequence - expected) >>> 0;
      // A small forward jump is loss; anything else (reordering, exporter restart) re-syncs.
      if (gap > 0 && gap < 0x10000000) session.sequenceGap += gap;
    }
    session.expectedSequence = units === undefined ? undefined : (sequence + units) >>> 0;
  }

  stats(): SessionStats {
    let templates = 0;
    let optionsTemplates = 0;
    let pendingSets = 0;
    let sequenceGap = 0;
    for (const s of this.sessions.values()) {
      for (const t of s.templates.values()) (t.options ? optionsTemplates++ : templates++);
      pendingSets += s.pending.length;
      sequenceGap += s.sequenceGap;
    }
    return { sessions: this.sessions.size, templates, optionsTemplates, pendingSets, pendingBytes: this.pendingBytes, templatesExpired: this.templatesExpired, sequenceGap };
  }

  /** Read-only view of the sessions, for health output and tests. */
  list(): Session[] {
    return [...this.sessions.values()];
  }

  private oldestPending(): { session: Session; index: number } | undefined {
    let best: { session: Session; index: number } | undefined;
    let bestAt = Infinity;
    for (const s of this.sessions.values()) {
      if (s.pending.length > 0 && s.pending[0].receivedAt < bestAt) {
        bestAt = s.pending[0].receivedAt;
        best = { session: s, index: 0 };
      }
    }
    return best;
  }

  private removePending(session: Session, index: number): PendingSet {
    const [p] = session.pending.splice(index, 1);
    this.pendingBytes -= p.bytes.length;
    return p;
  }
}
