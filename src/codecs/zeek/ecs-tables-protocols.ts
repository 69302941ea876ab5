/**
 * ECS mappings for Zeek's application-protocol logs beyond the core network set:
 * authentication, mail, file transfer, directory, industrial protocols. Columns not
 * named here stay in the native record.
 */
import { appendUnique, list, num, str, type LogMapping } from './ecs-rules.js';

export const PROTOCOL_MAPPINGS: Record<string, LogMapping> = {
  ssh: {
    category: ['network', 'authentication'],
    type: ['protocol', 'info'],
    protocol: 'ssh',
    rules: [
      ['auth_success', 'event.outcome', 'outcome'],
      ['client', 'user_agent.original'],
      ['hassh', 'zeek.ssh.hassh'],
      ['hasshServer', 'zeek.ssh.hassh_server'],
    ],
  },
  smtp: {
    category: ['network', 'email'],
    type: ['protocol', 'info'],
    protocol: 'smtp',
    rules: [
      ['mailfrom', 'email.sender.address'],
      ['from', 'email.from.address'],
      ['to', 'email.to.address'],
      ['rcptto', 'email.to.address'],
      ['cc', 'email.cc.address'],
      ['reply_to', 'email.reply_to.address'],
      ['subject', 'email.subject'],
      ['msg_id', 'email.message_id'],
      ['date', 'email.origination_timestamp'],
      ['user_agent', 'user_agent.original'],
    ],
  },
  ftp: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'ftp',
    rules: [
      ['user', 'user.name'],
      ['command', 'event.action', 'lower'],
      ['mime_type', 'file.mime_type'],
      ['file_size', 'file.size'],
    ],
    derive(rec, out) {
      const code = num(rec.reply_code);
      if (code !== undefined) out['event.outcome'] = code < 400 ? 'success' : 'failure';
      appendUnique(out, 'related.user', [str(rec.user)]);
    },
  },
  dhcp: {
    category: ['network'],
    type: ['protocol', 'info'],
    protocol: 'dhcp',
    rules: [
      ['mac', 'source.mac', 'mac'],
      ['client_addr', 'source.ip'],
      ['server_addr', 'destination.ip'],
      ['duration', 'event.duration', 'ns'],
    ],
    derive(rec, out) {
      // msg_types is a vector; the last message (ACK, NAK, ...) says how the exchange ended.
      const types = list(rec.msg_types);
      const last = types[types.length - 1];
      if (typeof last === 'string') out['event.action'] = last.toLowerCase();
      appendUnique(out, 'related.ip', [str(rec.assigned_addr), str(rec.requested_addr), str(rec.client_addr), str(rec.server_addr)]);
      appendUnique(out, 'related.hosts', [str(rec.host_name), str(rec.client_fqdn)]);
    },
  },
  rdp: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'rdp',
    rules: [
      ['cookie', 'user.name'],
      ['result', 'event.outcome', 'outcome'],
      ['client_name', 'source.domain'],
    ],
  },
  sip: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'sip',
    rules: [
      ['method', 'event.action', 'lower'],
      ['uri', 'url.original'],
      ['user_agent', 'user_agent.original'],
      ['status_code', 'http.response.status_code'],
    ],
  },
  snmp: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'snmp',
    rules: [['duration', 'event.duration', 'ns']],
  },
  radius: {
    category: ['network', 'authentication'],
    type: ['info'],
    protocol: 'radius',
    rules: [
      ['username', 'user.name'],
      ['mac', 'source.mac', 'mac'],
      ['result', 'event.outcome', 'outcome'],
    ],
  },
  socks: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'socks',
    rules: [
      ['user', 'user.name'],
      ['request.name', 'destination.domain'],
    ],
  },
  mysql: {
    category: ['network', 'database'],
    type: ['protocol'],
    protocol: 'mysql',
    rules: [
      ['cmd', 'event.action', 'lower'],
      ['success', 'event.outcome', 'outcome'],
    ],
  },
  irc: { category: ['network'], type: ['protocol'], protocol: 'irc', rules: [['user', 'user.name'], ['command', 'event.action', 'lower']] },
  ntp: { category: ['network'], type: ['protocol'], protocol: 'ntp', rules: [] },
  quic: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'quic',
    rules: [
      ['server_name', 'tls.client.server_name'],
      ['server_name', 'destination.domain'],
    ],
  },
  websocket: {
    category: ['network', 'web'],
    type: ['protocol'],
    protocol: 'websocket',
    rules: [['host', 'url.domain'], ['uri', 'url.original'], ['user_agent', 'user_agent.original']],
  },
  ldap: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'ldap',
    rules: [['opcode', 'event.action'], ['result', 'event.outcome', 'outcome']],
  },
  syslog: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'syslog',
    rules: [['message', 'message'], ['facility', 'log.syslog.facility.name', 'lower'], ['severity', 'log.syslog.severity.name', 'lower']],
  },
  modbus: { category: ['network'], type: ['protocol'], protocol: 'modbus', rules: [['func', 'event.action']] },
  dnp3: { category: ['network'], type: ['protocol'], protocol: 'dnp3', rules: [['fc_request', 'event.action']] },
};
