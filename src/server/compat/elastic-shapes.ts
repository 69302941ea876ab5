/** Response shapes Elasticsearch clients parse: errors, cluster info, the version Vigil claims. */
import { createHash } from 'node:crypto';

/** An 8.x version: Beats, Logstash, Vector and the JS client all accept it. */
export const ELASTIC_VERSION = '8.17.0';

export function elasticError(status: number, type: string, reason: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const cause = { type, reason, ...extra };
  return { error: { root_cause: [cause], ...cause }, status };
}

export function clusterInfo(clusterName: string): Record<string, unknown> {
  // A stable uuid per cluster name: tools cache it and warn when it changes.
  const uuid = createHash('sha256').update(`vigil:${clusterName}`).digest('base64url').slice(0, 22);
  return {
    name: 'vigil',
    cluster_name: clusterName,
    cluster_uuid: uuid,
    version: {
      number: ELASTIC_VERSION,
      build_flavor: 'default',
      build_type: 'tar',
      build_hash: 'vigil',
      build_date: '2024-12-11T00:00:00.000Z',
      build_snapshot: false,
      lucene_version: '9.12.0',
      minimum_wire_compatibility_version: '7.17.0',
      minimum_index_compatibility_version: '7.0.0',
    },
    tagline: 'You Know, for Search',
  };
}

export function clusterHealth(clusterName: string, status: 'green' | 'red'): Record<string, unknown> {
  return {
    cluster_name: clusterName,
    status,
    timed_out: false,
    number_of_nodes: 1,
    number_of_data_nodes: 1,
    active_primary_shards: 0,
    active_shards: 0,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: 0,
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: 100.0,
  };
}

/** What `GET /_license` answers: a basic licence that never expires (tools only check it is active). */
export function basicLicense(): Record<string, unknown> {
  return {
    license: {
      status: 'active',
      uid: '00000000-0000-4000-8000-000000000000',
      type: 'basic',
      issue_date: '2024-01-01T00:00:00.000Z',
      issue_date_in_millis: 1704067200000,
      max_nodes: 1000,
      max_resource_units: null,
      issued_to: 'vigil',
      issuer: 'elasticsearch',
      start_date_in_millis: -1,
    },
  };
}

export function xpackInfo(): Record<string, unknown> {
  const on = { available: true, enabled: true };
  return {
    build: { hash: 'vigil', date: '2024-12-11T00:00:00.000Z' },
    license: { uid: '00000000-0000-4000-8000-000000000000', type: 'basic', mode: 'basic', status: 'active' },
    features: { ilm: on, data_streams: on, security: on, monitoring: { available: true, enabled: false } },
    tagline: 'You know, for X',
  };
}
