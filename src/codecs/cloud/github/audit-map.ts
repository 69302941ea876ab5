/**
 * GitHub audit log events (organization and enterprise audit log, REST API or audit log
 * streaming). SigmaHQ's github/audit rules match `action` on the native record.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import { typeFromVerb } from '../shared/action-verbs.js';
import { at, EcsBuilder, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { fail } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';
import { cloudJsonFormat, firstLineHas } from '../shared/format-factory.js';

export const GITHUB_LOGSOURCE = { product: 'github', service: 'audit' } as const;

/** Actions about who may do what (members, teams, roles, tokens, apps) rather than settings. */
const IAM_ACTION = /(member|team\.|role|oauth|access_token|personal_access|invitation|_user$|\.add_admin|\.remove_admin|ssh_key|deploy_key)/;

export function mapGitHubAuditRecord(rec: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  const action = str(rec.action);
  if (!action) fail('not a GitHub audit log event: no action');
  const verb = action.slice(action.lastIndexOf('.') + 1);
  const ecs = new EcsBuilder()
    .set('event.kind', 'event')
    .set('event.category', IAM_ACTION.test(action) ? ['iam'] : ['configuration'])
    .set('event.type', [typeFromVerb(verb.replace(/_/g, '')) ?? (/(destroy|delete|remove|disable)/.test(verb) ? 'deletion' : 'change')])
    .set('event.action', action)
    .set('event.provider', 'github')
    .str('event.id', rec._document_id)
    .str('user.name', rec.actor)
    .str('user.id', rec.actor_id)
    .str('user.target.name', rec.user)
    .str('user.target.id', rec.user_id)
    .str('organization.name', rec.org ?? rec.business)
    .str('organization.id', rec.org_id ?? rec.business_id)
    .str('user_agent.original', rec.user_agent)
    .str('source.geo.country_iso_code', at(rec, 'actor_location.country_code'))
    .ip('source.ip', rec.actor_ip)
    .rel('user', rec.actor)
    .rel('user', rec.user);
  // Workflow runs report their result; other audit events have none.
  const conclusion = str(rec.conclusion);
  if (conclusion) ecs.set('event.outcome', conclusion === 'success' ? 'success' : conclusion === 'failure' ? 'failure' : 'unknown');
  return finishRecord({ time: rec['@timestamp'] ?? rec.created_at, timeField: '@timestamp', dataset: 'github.audit', ecs, native: rec, logsource: { ...GITHUB_LOGSOURCE } }, ctx);
}

export const githubFormat = cloudJsonFormat({
  name: 'github',
  description: 'GitHub organization/enterprise audit log events (REST API JSON array, streamed or exported NDJSON)',
  wrapperKeys: [],
  map: mapGitHubAuditRecord,
  sniff: (head) => firstLineHas(head, /"action"\s*:\s*"[a-z_]+\.[a-z_.]+"/, /"actor"\s*:\s*"/, /"(_document_id|org|business)"\s*:/),
});
