/** Splunk HEC status codes and texts, as Splunk documents them, with their HTTP status. */
export const HEC = {
  success: { http: 200, code: 0, text: 'Success' },
  tokenRequired: { http: 401, code: 2, text: 'Token is required' },
  invalidAuthorization: { http: 401, code: 3, text: 'Invalid authorization' },
  invalidToken: { http: 403, code: 4, text: 'Invalid token' },
  noData: { http: 400, code: 5, text: 'No data' },
  invalidDataFormat: { http: 400, code: 6, text: 'Invalid data format' },
  incorrectIndex: { http: 400, code: 7, text: 'Incorrect index' },
  internalError: { http: 500, code: 8, text: 'Internal server error' },
  serverBusy: { http: 503, code: 9, text: 'Server is busy' },
  channelMissing: { http: 400, code: 10, text: 'Data channel is missing' },
  invalidChannel: { http: 400, code: 11, text: 'Invalid data channel' },
  eventRequired: { http: 400, code: 12, text: 'Event field is required' },
  eventBlank: { http: 400, code: 13, text: 'Event field cannot be blank' },
  ackDisabled: { http: 400, code: 14, text: 'ACK is disabled' },
  indexedFieldsError: { http: 400, code: 15, text: 'Error in handling indexed fields' },
  queryStringAuthDisabled: { http: 400, code: 16, text: 'Query string authorization is not enabled' },
  healthy: { http: 200, code: 17, text: 'HEC is healthy' },
  unhealthyQueuesFull: { http: 503, code: 18, text: 'HEC is unhealthy, queues are full' },
} as const;

export type HecStatus = (typeof HEC)[keyof typeof HEC];

export function hecBody(status: HecStatus, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { text: status.text, code: status.code, ...extra };
}
