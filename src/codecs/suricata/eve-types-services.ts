/**
 * ECS mappings for EVE's Windows, directory, remote access, management and industrial
 * protocols: smb, dcerpc, krb5, nfs, ldap, rdp, rfb, sip, snmp, dhcp, mqtt, pgsql, ike,
 * bittorrent_dht, websocket, dnp3, modbus, enip, ntp.
 */
import { appendUnique, asObject, asString, getPath, type EveTypeMapping } from './eve-rules.js';

export const SERVICE_EVENT_TYPES: Record<string, EveTypeMapping> = {
  smb: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'smb',
    rules: [
      ['smb.command', 'event.action', 'lower'],
      ['smb.status', 'event.outcome', 'outcome'],
      ['smb.ntlmssp.user', 'user.name'],
      ['smb.ntlmssp.domain', 'user.domain'],
      ['smb.ntlmssp.host', 'source.domain'],
      ['smb.kerberos.realm', 'user.domain'],
      ['smb.size', 'file.size'],
    ],
    derive(rec, out) {
      const filename = asString(getPath(rec, 'smb.filename'));
      const share = asString(getPath(rec, 'smb.share'));
      if (filename) {
        out['file.path'] = share && !filename.startsWith('\\\\') ? `${share}\\${filename}` : filename;
        const base = filename.split(/[\\/]/).pop();
        if (base) out['file.name'] = base;
      } else if (share) {
        out['file.path'] = share;
      }
      appendUnique(out, 'related.user', [getPath(rec, 'smb.ntlmssp.user')]);
    },
  },
  dcerpc: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'dcerpc',
    rules: [['dcerpc.request', 'event.action', 'lower']],
  },
  krb5: {
    category: ['network', 'authentication'],
    type: ['protocol', 'info'],
    protocol: 'kerberos',
    rules: [
      ['krb5.cname', 'user.name'],
      ['krb5.realm', 'user.domain'],
      ['krb5.msg_type', 'event.action', 'lower'],
      ['krb5.error_code', 'event.reason'],
    ],
    derive(rec, out) {
      const error = getPath(rec, 'krb5.error_code');
      const type = asString(getPath(rec, 'krb5.msg_type'));
      if (error !== undefined) out['event.outcome'] = 'failure';
      else if (type && /_REP$/.test(type)) out['event.outcome'] = 'success';
      appendUnique(out, 'related.user', [getPath(rec, 'krb5.cname')]);
    },
  },
  nfs: {
    category: ['network', 'file'],
    type: ['protocol', 'access'],
    protocol: 'nfs',
    rules: [
      ['nfs.filename', 'file.name'],
      ['nfs.procedure', 'event.action', 'lower'],
      ['nfs.status', 'event.outcome', 'outcome'],
    ],
  },
  ldap: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'ldap',
    rules: [
      ['ldap.request.operation', 'event.action', 'lower'],
      ['ldap.request.bind_request.name', 'user.name'],
    ],
  },
  rdp: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'rdp',
    rules: [
      ['rdp.event_type', 'event.action'],
      ['rdp.cookie', 'user.name'],
      ['rdp.client.client_name', 'source.domain'],
    ],
  },
  rfb: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'rfb',
    rules: [['rfb.server_security_failure_reason', 'event.reason']],
    derive(rec, out) {
      const result = asString(getPath(rec, 'rfb.authentication.security_result'));
      if (result) out['event.outcome'] = result.toUpperCase() === 'OK' ? 'success' : 'failure';
    },
  },
  sip: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'sip',
    rules: [
      ['sip.method', 'event.action', 'lower'],
      ['sip.uri', 'url.original'],
      ['sip.reason', 'event.reason'],
    ],
  },
  snmp: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'snmp',
    rules: [['snmp.pdu_type', 'event.action', 'lower']],
  },
  dhcp: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'dhcp',
    rules: [
      ['dhcp.dhcp_type', 'event.action', 'lower'],
      ['dhcp.client_mac', 'source.mac', 'mac'],
    ],
    derive(rec, out) {
      const dhcp = asObject(rec.dhcp) ?? {};
      appendUnique(out, 'related.ip', [dhcp.assigned_ip, dhcp.client_ip, dhcp.requested_ip]);
      appendUnique(out, 'related.hosts', [dhcp.hostname]);
    },
  },
  mqtt: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'mqtt',
    rules: [['mqtt.connect.username', 'user.name']],
    derive(rec, out) {
      // An MQTT record holds one message, keyed by its type (connect, publish, ...).
      const mqtt = asObject(rec.mqtt);
      const first = mqtt ? Object.keys(mqtt)[0] : undefined;
      if (first) out['event.action'] = first;
      const code = getPath(rec, 'mqtt.connack.return_code');
      if (typeof code === 'number') out['event.outcome'] = code === 0 ? 'success' : 'failure';
    },
  },
  pgsql: {
    category: ['network', 'database'],
    type: ['protocol'],
    protocol: 'pgsql',
    rules: [['pgsql.request.startup_parameters.user', 'user.name']],
  },
  ike: { category: ['network'], type: ['protocol'], protocol: 'ike', rules: [['ike.exchange_type_verbose', 'event.action', 'lower']] },
  bittorrent_dht: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'bittorrent-dht',
    rules: [['bittorrent_dht.request_type', 'event.action', 'lower']],
  },
  websocket: { category: ['network', 'web'], type: ['protocol'], protocol: 'websocket', rules: [['websocket.opcode', 'event.action', 'lower']] },
  dnp3: { category: ['network'], type: ['protocol'], protocol: 'dnp3', rules: [['dnp3.type', 'event.action', 'lower']] },
  modbus: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'modbus',
    rules: [
      ['modbus.request.function_code', 'event.action', 'lower'],
      ['modbus.response.exception.code', 'event.reason'],
    ],
  },
  enip: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'enip',
    rules: [
      ['enip.request.command', 'event.action', 'lower'],
      ['enip.response.status', 'event.outcome', 'outcome'],
    ],
  },
  ntp: { category: ['network'], type: ['protocol'], protocol: 'ntp', rules: [['ntp.mode', 'event.action', 'string']] },
};
