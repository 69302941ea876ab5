/**
 * Google Workspace activities from the Admin SDK Reports API (`kind: admin#reports#activity`,
 * also the `admin#reports#activities` list response). An activity bundles one or more events
 * (`events[]`, each with a `name` and `parameters[]`); like Elastic's integration, each event
 * becomes its own record, whose `native` is the activity with only that event in `events`.
 * SigmaHQ files these rules under product `gcp`, service `google_workspace.<application>`.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import type { FieldValue, Scalar } from '../../../core/event.js';
import { typeFromVerb } from '../shared/action-verbs.js';
import { EcsBuilder, obj, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { fail } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';
import { cloudJsonFormat } from '../shared/format-factory.js';

/** A Reports API parameter's value, whichever typed slot carries it. */
function parameterValue(p: Record<string, unknown>): FieldValue | undefined {
  for (const k of ['value', 'intValue', 'boolValue']) {
    const v = p[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  }
  for (const k of ['multiValue', 'multiIntValue']) {
    const v = p[k];
    if (Array.isArray(v)) return v.filter((x): x is Scalar => typeof x === 'string' || typeof x === 'number');
  }
  return undefined;
}

/** The parameters as name → value, from the API's list form or an exporter's object form. */
function parametersOf(event: Record<string, unknown>): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>();
  const params = event.parameters;
  if (Array.isArray(params)) {
    for (const p of params.map(obj)) {
      const name = str(p?.name);
      const value = p ? parameterValue(p) : undefined;
      if (name && value !== undefined) out.set(name, value);
    }
  } else if (obj(params)) {
    for (const [k, v] of Object.entries(obj(params)!)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.set(k, v);
  }
  return out;
}

function mapEvent(activity: Record<string, unknown>, event: Record<string, unknown>, app: string, ctx: MapContext, native: Record<string, unknown>): NormalizedRecord {
  const id = obj(activity.id) ?? {};
  const actor = obj(activity.actor) ?? {};
  const name = str(event.name);
  const params = parametersOf(event);
  const ecs = new EcsBuilder()
    .set('event.kind', 'event')
    .set('event.category', app === 'login' ? ['authentication'] : app === 'admin' ? ['iam', 'configuration'] : ['api'])
    .set('event.type', [typeFromVerb(name?.replace(/_/g, '')) ?? 'info'])
    .set('event.action', name)
    .str('event.code', event.type)
    .set('event.provider', `${app}.googleapis.com`)
    .set('event.outcome', name === 'login_failure' ? 'failure' : name === 'login_success' ? 'success' : undefined)
    .str('event.id', id.uniqueQualifier)
    .str('organization.id', id.customerId)
    .str('user.email', actor.email)
    .str('user.name', actor.email)
    .str('user.id', actor.profileId)
    .str('user.domain', str(actor.email)?.split('@')[1] ?? activity.ownerDomain)
    .ip('source.ip', activity.ipAddress)
    .set('cloud.provider', 'gcp')
    .set('cloud.service.name', 'google_workspace')
    .rel('user', actor.email);
  if (app === 'admin') {
    ecs.set('google_workspace.admin.setting.name', params.get('SETTING_NAME')).set('google_workspace.admin.new_value', params.get('NEW_VALUE')).set('google_workspace.admin.old_value', params.get('OLD_VALUE'));
    ecs.set('user.target.email', params.get('USER_EMAIL')).set('group.name', params.get('GROUP_EMAIL'));
  }
  for (const [k, v] of params) ecs.set(`google_workspace.${app}.parameters.${k.toLowerCase()}`, v);
  return finishRecord({ time: id.time, timeField: 'id.time', dataset: `google_workspace.${app}`, ecs, native, logsource: { product: 'gcp', service: `google_workspace.${app}` } }, ctx);
}

export function mapWorkspaceActivity(activity: Record<string, unknown>, ctx: MapContext): NormalizedRecord[] {
  const app = str(obj(activity.id)?.applicationName)?.toLowerCase();
  if (!app) fail('not a Workspace activity: no id.applicationName');
  // Exporters sometimes write one event per record as `name`/`type`/`parameters` at the top level.
  if (!Array.isArray(activity.events)) {
    if (!str(activity.name)) fail('Workspace activity without events');
    return [mapEvent(activity, activity, app, ctx, activity)];
  }
  const events = activity.events.map(obj).filter((e) => e !== undefined);
  if (events.length === 0) fail('Workspace activity without events');
  return events.map((e) => mapEvent(activity, e, app, ctx, events.length === 1 ? activity : { ...activity, events: [e] }));
}

export const gworkspaceFormat = cloudJsonFormat({
  name: 'gworkspace',
  description: 'Google Workspace activities (Admin SDK Reports API: admin#reports#activity records or activities list responses)',
  wrapperKeys: ['items'],
  map: mapWorkspaceActivity,
  sniff: (head) => /"kind"\s*:\s*"admin#reports#activit(y|ies)"/.test(head),
});
