/**
 * Everyday network activity: flows seen by the edge router and the core switch, and DNS
 * queries seen by the Zeek sensor. Arrival times are random (never periodic), destinations are
 * the company's usual services, and an outbound flow never carries more than
 * NORMAL_MAX_OUTBOUND_FLOW_BYTES, so the story's upload stands far above every baseline.
 */
import type { NormalizedRecord } from '../../core/event.js';
import { flowRecord, type FlowInput } from '../sources/netflow.js';
import { dnsQueryRecord, registeredDomain } from '../sources/zeek-dns.js';
import { DNS_SUFFIX, type DemoDomain } from '../world.js';
import { ephemeralPort, type NormalContext } from './context.js';

/** Largest outbound (internal → internet) flow record in normal traffic: an e-mail attachment, a git push. */
export const NORMAL_MAX_OUTBOUND_FLOW_BYTES = 8 * 1024 * 1024;
/** Largest inbound flow record in normal traffic: a software update. */
const NORMAL_MAX_INBOUND_FLOW_BYTES = 300 * 1024 * 1024;

export const EDGE_EXPORTER = { name: 'edge-fw-01', ip: '10.0.0.1', ingress_if: 2, egress_if: 1 };
export const CORE_EXPORTER = { name: 'core-sw-01', ip: '10.0.0.2', ingress_if: 11, egress_if: 12 };
export const ZEEK_SENSOR = 'zeek-01';

/** Internal services a workstation talks to, with their port. */
const WORKSTATION_INTERNAL_PORTS = [88, 389, 445, 445, 135, 443] as const;
/** Server-to-server ports: database, app tier, cache, metrics scrapes, log shipping. */
const SERVER_PORTS = [5432, 8080, 6379, 9100, 514, 5672] as const;

/** A log-normal byte count, capped, and the packets that carry it (full segments plus handshake and ACKs). */
function flowBytes(n: NormalContext, medianBytes: number, sigma: number, maxBytes: number): number {
  return Math.max(60, Math.min(maxBytes, Math.round(n.ctx.rng.logNormal(medianBytes, sigma))));
}

export function netflowRecord(n: NormalContext, ts: number): NormalizedRecord {
  const { rng } = n.ctx;
  const { world } = n;
  const roll = rng.float();
  const ws = rng.pick(world.users).workstation;
  let src_ip: string;
  let src_port: number;
  let dst_ip: string;
  let dst_port: number;
  let bytes: number;
  let direction: FlowInput['direction'];
  let host: string;
  let exporter = EDGE_EXPORTER;

  if (roll < 0.65) {
    // A workstation's web session, one record per direction (the roll decides which one this is).
    const domain = world.workstation_domains.pick(rng);
    const remote = rng.pick(domain.ips);
    const port = rng.chance(0.95) ? 443 : 80;
    const local = ephemeralPort(n);
    host = ws.name;
    if (roll < 0.35) {
      [src_ip, src_port, dst_ip, dst_port, direction] = [ws.ip, local, remote, port, 'outbound'];
      bytes = flowBytes(n, 1800, 1.1, NORMAL_MAX_OUTBOUND_FLOW_BYTES);
    } else {
      [src_ip, src_port, dst_ip, dst_port, direction] = [remote, port, ws.ip, local, 'inbound'];
      bytes = flowBytes(n, 40_000, 1.8, NORMAL_MAX_INBOUND_FLOW_BYTES);
    }
  } else if (roll < 0.8) {
    dst_port = rng.pick(WORKSTATION_INTERNAL_PORTS);
    const server = dst_port === 445 && rng.chance(0.6) ? world.file_server : world.dc;
    [src_ip, src_port, dst_ip, direction, host, exporter] = [ws.ip, ephemeralPort(n), server.ip, 'internal', ws.name, CORE_EXPORTER];
    bytes = flowBytes(n, 3000, 1.4, 50_000_000);
  } else if (roll < 0.9) {
    // Two different servers (a host talking to itself never crosses the switch).
    const servers = world.linux_servers;
    const ai = rng.int(servers.length);
    const a = servers[ai];
    const b = servers.length > 1 ? servers[(ai + 1 + rng.int(servers.length - 1)) % servers.length] : a;
    [src_ip, src_port, dst_ip, dst_port, direction, host, exporter] = [a.ip, ephemeralPort(n), b.ip, rng.pick(SERVER_PORTS), 'internal', a.name, CORE_EXPORTER];
    bytes = flowBytes(n, 5000, 1.5, 100_000_000);
  } else if (roll < 0.97) {
    // Servers fetching packages and images: this row is the small request going out.
    const server = rng.pick(world.linux_servers);
    const domain = world.server_domains.pick(rng);
    [src_ip, src_port, dst_ip, dst_port, direction, host] = [server.ip, ephemeralPort(n), rng.pick(domain.ips), 443, 'outbound', server.name];
    bytes = flowBytes(n, 2500, 1.0, NORMAL_MAX_OUTBOUND_FLOW_BYTES);
  } else {
    // SSH to the bastion: engineers from home (through the edge) or from the office.
    const engineer = rng.pick(world.engineers);
    const fromHome = rng.chance(0.5);
    src_ip = fromHome ? engineer.home_ip : engineer.workstation.ip;
    [src_port, dst_ip, dst_port, host] = [ephemeralPort(n), world.bastion.ip, 22, world.bastion.name];
    direction = fromHome ? 'inbound' : 'internal';
    exporter = fromHome ? EDGE_EXPORTER : CORE_EXPORTER;
    bytes = flowBytes(n, 6000, 1.5, 20_000_000);
  }
  const duration_ms = Math.min(60_000, Math.round(rng.logNormal(900, 1.6)));
  return flowRecord(n.ctx, {
    ts,
    duration_ms,
    src_ip,
    src_port,
    dst_ip,
    dst_port,
    transport: 'tcp',
    bytes,
    packets: 3 + Math.ceil(bytes / 1200),
    direction,
    host,
    exporter,
    // Flows still open at the exporter's 60 s active timeout are cut and exported.
    end_reason: duration_ms >= 60_000 ? 2 : 3,
  });
}

const NO_ANSWERS: string[] = [];
const INTERNAL_REGISTERED_DOMAIN = registeredDomain(DNS_SUFFIX);
const WPAD_QUERY = `wpad.${DNS_SUFFIX}`;
/** Windows clients locate their domain controller through this SRV record. */
const SRV_QUERY = `_ldap._tcp.dc._msdcs.${DNS_SUFFIX}`;
const SRV_ANSWERS = [`0 100 389 dc01.${DNS_SUFFIX}`];

export function zeekDnsRecord(n: NormalContext, ts: number): NormalizedRecord {
  const { rng } = n.ctx;
  const { world } = n;
  const roll = rng.float();
  let clientIp: string;
  let host: string;
  let domain: DemoDomain;
  if (roll < 0.8) {
    const ws = rng.pick(world.users).workstation;
    clientIp = ws.ip;
    host = ws.name;
    domain = roll < 0.7 ? world.workstation_domains.pick(rng) : rng.pick(world.internal_domains);
  } else {
    const server = rng.pick(world.linux_servers);
    clientIp = server.ip;
    host = server.name;
    domain = world.server_domains.pick(rng);
  }
  const client_port = ephemeralPort(n);
  const rtt_s = Math.round(rng.logNormal(4000, 0.9)) / 1e6;
  const kind = rng.float();
  let query = domain.name;
  let registered_domain = domain.registered_domain;
  let qtype: 'A' | 'AAAA' | 'SRV' = 'A';
  let answers = domain.ips;
  let ttl_s = domain.ttl_s;
  let rcode: 'NOERROR' | 'NXDOMAIN' = 'NOERROR';
  if (kind < 0.01) {
    // Browsers still probe for proxy auto-configuration; nobody answers.
    query = WPAD_QUERY;
    registered_domain = INTERNAL_REGISTERED_DOMAIN;
    answers = NO_ANSWERS;
    ttl_s = 0;
    rcode = 'NXDOMAIN';
  } else if (kind < 0.03 && roll < 0.8) {
    query = SRV_QUERY;
    registered_domain = INTERNAL_REGISTERED_DOMAIN;
    qtype = 'SRV';
    answers = SRV_ANSWERS;
    ttl_s = 600;
  } else if (kind > 0.82) {
    // Most services publish no IPv6 address in the demo: AAAA questions get an empty NOERROR.
    qtype = 'AAAA';
    answers = NO_ANSWERS;
  }
  return dnsQueryRecord(n.ctx, { ts, client_ip: clientIp, client_port, resolver_ip: world.resolver_ip, query, registered_domain, qtype, answers, ttl_s, rcode, rtt_s, host, sensor: ZEEK_SENSOR });
}
