/**
 * Normal traffic: for each event time the clock hands out, pick a source by the mix and let
 * that source's activity model write one record.
 */
import type { NormalizedRecord } from '../../core/event.js';
import { SOURCE_KINDS, type ScenarioOptions, type SourceKind } from '../options.js';
import { Prng, WeightedPicker } from '../prng.js';
import type { EventRecordIds } from '../sources/windows-event.js';
import { TimeFormatter } from '../time-format.js';
import type { DemoWorld } from '../world.js';
import { cloudTrailNormalRecord } from './cloud-activity.js';
import type { NormalContext } from './context.js';
import { linuxAuthRecord } from './linux-activity.js';
import { netflowRecord, zeekDnsRecord } from './network-activity.js';
import { sysmonRecord, windowsSecurityRecord } from './windows-activity.js';

const DAY_MS = 86_400_000;
/** Share of Linux auth records that are SSH logins (see linux-activity.ts). */
const SSH_LOGIN_SHARE = 0.3;
/** Human error rates: failed logons per person per day. */
const LINUX_FAILURES_PER_ENGINEER_DAY = 1.5;
const WINDOWS_FAILURES_PER_USER_DAY = 1;
const MAX_FAILURE_P = 0.05;

function failureProbability(failuresWanted: number, attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(MAX_FAILURE_P, failuresWanted / attempts);
}

export class NormalTraffic {
  private readonly n: NormalContext;
  private readonly picker: WeightedPicker<SourceKind>;

  constructor(world: DemoWorld, options: ScenarioOptions, normalCount: number, record_ids: EventRecordIds) {
    const kinds = SOURCE_KINDS.filter((k) => options.mix[k] > 0);
    const totalWeight = kinds.reduce((sum, k) => sum + options.mix[k], 0);
    // With no normal records to write, the mix does not matter; the picker still needs an item.
    this.picker = kinds.length === 0 ? new WeightedPicker<SourceKind>(['netflow'], [1]) : new WeightedPicker(kinds, kinds.map((k) => options.mix[k]));
    const share = (k: SourceKind): number => (totalWeight > 0 ? (normalCount * options.mix[k]) / totalWeight : 0);
    const days = options.span_ms / DAY_MS;
    this.n = {
      ctx: { rng: new Prng(options.seed, 'normal'), time: new TimeFormatter() },
      world,
      record_ids,
      linux_failure_p: failureProbability(world.engineers.length * LINUX_FAILURES_PER_ENGINEER_DAY * days, share('linux_auth') * SSH_LOGIN_SHARE),
      windows_failure_p: failureProbability(world.users.length * WINDOWS_FAILURES_PER_USER_DAY * days, share('windows_security')),
    };
  }

  record(ts: number): NormalizedRecord {
    switch (this.picker.pick(this.n.ctx.rng)) {
      case 'netflow':
        return netflowRecord(this.n, ts);
      case 'zeek_dns':
        return zeekDnsRecord(this.n, ts);
      case 'windows_sysmon':
        return sysmonRecord(this.n, ts);
      case 'windows_security':
        return windowsSecurityRecord(this.n, ts);
      case 'linux_auth':
        return linuxAuthRecord(this.n, ts);
      case 'aws_cloudtrail':
        return cloudTrailNormalRecord(this.n, ts);
    }
  }
}
