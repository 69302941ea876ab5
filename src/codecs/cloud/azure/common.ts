/**
 * What the Azure Monitor diagnostic-settings export shapes share: the common top-level schema
 * (`time`, `resourceId`, `operationName`, `category`, `resultType`, `callerIpAddress`,
 * `properties`). Azure writes some of these as `{value, localizedValue}` in REST responses.
 */
import { obj, str } from '../shared/ecs-builder.js';

/** A string field, or the `value` of a localizable one. */
export function text(v: unknown): string | undefined {
  return str(v) ?? str(obj(v)?.value);
}

/** The subscription id in a resource id (`/subscriptions/<id>/resourceGroups/...`). */
export function subscriptionOf(resourceId: string | undefined): string | undefined {
  return resourceId ? /\/subscriptions\/([^/]+)/i.exec(resourceId)?.[1] : undefined;
}

export function outcomeOf(v: string | undefined): 'success' | 'failure' | 'unknown' | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase();
  if (s === 'success' || s === 'succeeded' || s === '0') return 'success';
  if (s === 'failure' || s === 'failed' || /^\d+$/.test(s)) return 'failure';
  return 'unknown';
}
