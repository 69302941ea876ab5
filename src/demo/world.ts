/**
 * The demo company: offices, staff, their workstations, Linux servers, the domains they use and
 * their AWS account. Built once per run from the seed, then only read; every string the hot
 * loop needs (user paths, command lines, ARNs, fingerprints) is prepared here.
 *
 * Invariants the attack story relies on (and the tests check):
 * - every public address normal traffic uses is in the company's countries: a home address
 *   belongs to one user, in their office's country; an office's egress address is shared by its
 *   staff for AWS calls only. So a spraying address or a foreign login never occurs in normal
 *   traffic;
 * - every user owns one Windows workstation; engineers also have SSH access to the Linux
 *   servers and an AWS IAM user.
 */
import { ADVERSARY_DOMAIN_WORDS, FIRST_NAMES, LAST_NAMES, LINUX_SERVER_ROLES, SUDO_COMMANDS } from './catalog/names.js';
import { DNS_TTLS_S, INTERNAL_NAMES, SERVER_DOMAINS, WORKSTATION_DOMAINS } from './catalog/domains.js';
import { PROCESS_LAUNCHES, windowsImage } from './catalog/windows-programs.js';
import { AddressPool, DEMO_HOME_COUNTRIES, prefixesFor } from './geo.js';
import { Prng, WeightedPicker, zipfWeights } from './prng.js';
import type { CloudIdentity } from './sources/cloudtrail.js';
import { registeredDomain } from './sources/zeek-dns.js';
import type { WindowsImage } from './sources/sysmon.js';

export const AD_DOMAIN = 'CORP';
export const DNS_SUFFIX = 'corp.example.com';
export const AWS_ACCOUNT_ID = '111122223333';

export interface DemoOffice {
  country: string;
  egress_ip: string;
  /** First two octets of the office LAN, e.g. '10.11'. */
  lan: string;
}

export interface PreparedLaunch {
  image: WindowsImage;
  parent_image: WindowsImage;
  command: string;
  parent_command: string;
  cwd: string;
  as: 'owner' | 'system';
  /** The parent is a long-lived process (explorer, services, svchost, chrome): same pid and GUID all day. */
  parent_pid: number;
  parent_guid: string;
}

export interface DemoWorkstation {
  /** FQDN, as the Computer field of its events and as host.name everywhere. */
  name: string;
  /** Host name without the domain ('WS-DE-014'), as NetBIOS and WorkstationName show it. */
  short_name: string;
  ip: string;
  owner: DemoUser;
  /** The owner's interactive logon session on it (Sysmon LogonId / LogonGuid). */
  logon_id: string;
  logon_guid: string;
  /** The machine's SYSTEM logon session GUID. */
  system_logon_guid: string;
}

export interface DemoUser {
  name: string;
  full_name: string;
  office: DemoOffice;
  uid: number;
  sid: string;
  engineer: boolean;
  home_ip: string;
  workstation: DemoWorkstation;
  /** The owner's process launches with profile paths expanded (index-aligned with PROCESS_LAUNCHES). */
  launches: PreparedLaunch[];
  ssh_key: string;
  aws?: CloudIdentity;
}

export interface DemoLinuxServer {
  name: string;
  ip: string;
  role: string;
  sudo_commands: string[];
}

export interface DemoDomain {
  name: string;
  registered_domain: string;
  ips: string[];
  ttl_s: number;
}

export interface DemoWorld {
  offices: DemoOffice[];
  users: DemoUser[];
  engineers: DemoUser[];
  linux_servers: DemoLinuxServer[];
  /** The internet-facing SSH server (linux_servers[0]). */
  bastion: DemoLinuxServer;
  dc: { name: string; ip: string };
  file_server: { name: string; ip: string };
  resolver_ip: string;
  workstation_domains: WeightedPicker<DemoDomain>;
  server_domains: WeightedPicker<DemoDomain>;
  internal_domains: DemoDomain[];
  launch_picker: WeightedPicker<number>;
  aws: {
    account_id: string;
    buckets: string[];
    instance_ids: string[];
    roles: string[];
    functions: string[];
    log_groups: string[];
    parameters: string[];
    kms_key_ids: string[];
    workloads: CloudIdentity[];
    /** AWS-owned public addresses workloads call from. */
    workload_ips: string[];
    /** Service IAM users nobody logs in as; the story backdoors one. */
    service_users: CloudIdentity[];
  };
  /** Hands out further public addresses (the story takes its foreign ones here). */
  addresses: AddressPool;
  /** Words for adversary domain names. */
  adversary_words: readonly string[];
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function iamUser(rng: Prng, name: string): CloudIdentity {
  return {
    type: 'IAMUser',
    principal_id: `AIDA${rng.chars(KEY_ALPHABET, 17)}`,
    arn: `arn:aws:iam::${AWS_ACCOUNT_ID}:user/${name}`,
    account_id: AWS_ACCOUNT_ID,
    access_key_id: `AKIA${rng.chars(KEY_ALPHABET, 16)}`,
    user_name: name,
  };
}

function workloadRole(rng: Prng, role: string): CloudIdentity {
  const rolePrincipal = `AROA${rng.chars(KEY_ALPHABET, 17)}`;
  return {
    type: 'AssumedRole',
    principal_id: `${rolePrincipal}:${role}`,
    arn: `arn:aws:sts::${AWS_ACCOUNT_ID}:assumed-role/${role}/${role}`,
    account_id: AWS_ACCOUNT_ID,
    access_key_id: `ASIA${rng.chars(KEY_ALPHABET, 16)}`,
    user_name: role,
    role: { name: role, arn: `arn:aws:iam::${AWS_ACCOUNT_ID}:role/${role}`, principal_id: rolePrincipal },
  };
}

/** One user's process launches: profile paths expanded, one pid and GUID per long-lived parent. */
function prepareLaunches(rng: Prng, user: string): PreparedLaunch[] {
  const parents = new Map<string, { pid: number; guid: string }>();
  return PROCESS_LAUNCHES.map((l) => {
    const parentKey = `${l.parent}|${l.parent_command}`;
    let parent = parents.get(parentKey);
    if (parent === undefined) {
      parent = { pid: 4 * rng.range(100, 4000), guid: rng.windowsGuid() };
      parents.set(parentKey, parent);
    }
    return {
      image: windowsImage(l.image, user),
      parent_image: windowsImage(l.parent, user),
      command: l.command.replaceAll('{user}', user),
      parent_command: l.parent_command.replaceAll('{user}', user),
      cwd: l.cwd.replaceAll('{user}', user),
      as: l.as,
      parent_pid: parent.pid,
      parent_guid: parent.guid,
    };
  });
}

function buildDomains(rng: Prng, names: readonly string[], addresses: AddressPool): DemoDomain[] {
  const services = prefixesFor('US', 'services');
  return names.map((name) => ({
    name,
    registered_domain: registeredDomain(name),
    ips: rng.chance(0.4) ? [addresses.take(services), addresses.take(services)] : [addresses.take(services)],
    ttl_s: rng.pick(DNS_TTLS_S),
  }));
}

export function buildWorld(seed: number | string, userCount: number, serverCount: number): DemoWorld {
  const rng = new Prng(seed, 'world');
  const addresses = new AddressPool();
  const offices: DemoOffice[] = DEMO_HOME_COUNTRIES.map((country, i) => ({
    country,
    egress_ip: addresses.take(prefixesFor(country, 'home')),
    lan: `10.${11 + i}`,
  }));
  const domainSid = `S-1-5-21-${rng.range(1e9, 4e9)}-${rng.range(1e9, 4e9)}-${rng.range(1e8, 4e9)}`;

  const users: DemoUser[] = [];
  const taken = new Set<string>();
  const perOffice = new Map<DemoOffice, number>();
  for (let i = 0; i < userCount; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let name = `${first[0]}${last}`.toLowerCase();
    for (let n = 2; taken.has(name); n++) name = `${first[0]}${last}${n}`.toLowerCase();
    taken.add(name);
    const office = offices[i % offices.length];
    const seq = (perOffice.get(office) ?? 0) + 1;
    perOffice.set(office, seq);
    const user = {
      name,
      full_name: `${first} ${last}`,
      office,
      uid: 1001 + i,
      sid: `${domainSid}-${1104 + i}`,
      // Roughly half the staff are engineers; the first user always is, so one victim exists.
      engineer: i === 0 || rng.chance(0.5),
      home_ip: addresses.take(prefixesFor(office.country, 'home')),
      ssh_key: `ED25519 SHA256:${rng.chars(B64, 43)}`,
      launches: prepareLaunches(rng, name),
    } as DemoUser;
    const shortName = `WS-${office.country}-${String(seq).padStart(3, '0')}`;
    user.workstation = {
      name: `${shortName}.${DNS_SUFFIX}`,
      short_name: shortName,
      ip: `${office.lan}.${1 + Math.floor(seq / 200)}.${10 + (seq % 200)}`,
      owner: user,
      logon_id: `0x${rng.range(0x10000, 0xfffff).toString(16)}`,
      logon_guid: rng.windowsGuid(),
      system_logon_guid: rng.windowsGuid(),
    };
    if (user.engineer) user.aws = iamUser(rng, name);
    users.push(user);
  }

  const roleCounts = new Map<string, number>();
  const linux_servers: DemoLinuxServer[] = [];
  for (let i = 0; i < serverCount; i++) {
    const role = LINUX_SERVER_ROLES[i % LINUX_SERVER_ROLES.length];
    const n = (roleCounts.get(role) ?? 0) + 1;
    roleCounts.set(role, n);
    linux_servers.push({
      name: `${role}-${String(n).padStart(2, '0')}`,
      ip: `10.0.${1 + Math.floor(i / 200)}.${10 + (i % 200)}`,
      role,
      sudo_commands: [...SUDO_COMMANDS['*'], ...(SUDO_COMMANDS[role] ?? [])],
    });
  }

  const dc = { name: `DC01.${DNS_SUFFIX}`, ip: '10.0.0.10' };
  const file_server = { name: `FS01.${DNS_SUFFIX}`, ip: '10.0.0.11' };
  const wsDomains = buildDomains(rng, WORKSTATION_DOMAINS, addresses);
  const srvDomains = buildDomains(rng, SERVER_DOMAINS, addresses);
  const internal_domains = INTERNAL_NAMES.map((n, i) => ({ name: `${n}.${DNS_SUFFIX}`, registered_domain: registeredDomain(DNS_SUFFIX), ips: [`10.0.0.${10 + i}`], ttl_s: 1200 }));

  return {
    offices,
    users,
    engineers: users.filter((u) => u.engineer),
    linux_servers,
    bastion: linux_servers[0],
    dc,
    file_server,
    resolver_ip: dc.ip,
    workstation_domains: new WeightedPicker(wsDomains, zipfWeights(wsDomains.length, 0.9)),
    server_domains: new WeightedPicker(srvDomains, zipfWeights(srvDomains.length, 0.8)),
    internal_domains,
    launch_picker: new WeightedPicker(
      PROCESS_LAUNCHES.map((_, i) => i),
      PROCESS_LAUNCHES.map((l) => l.weight),
    ),
    aws: {
      account_id: AWS_ACCOUNT_ID,
      buckets: ['corp-artifacts-prod', 'corp-app-uploads', 'corp-logs-archive', 'corp-terraform-state', 'corp-backups'],
      instance_ids: linux_servers.map(() => `i-0${rng.hex(16)}`),
      roles: ['ReadOnlyAccess-Engineers', 'DeployRole', 'BillingViewer'],
      functions: ['ingest-webhooks', 'thumbnailer', 'nightly-report'],
      log_groups: ['/aws/lambda/ingest-webhooks', '/aws/lambda/thumbnailer', '/ecs/app'],
      parameters: ['/app/prod/db-url', '/app/prod/feature-flags', '/ci/registry-token'],
      kms_key_ids: [rng.uuid(), rng.uuid()],
      workloads: ['lambda-ingest-webhooks', 'ecs-app-task', 'ci-runner'].map((r) => workloadRole(rng, r)),
      workload_ips: [0, 1, 2].map(() => addresses.take(prefixesFor('US', 'services'))),
      service_users: ['svc-backup', 'svc-reporting'].map((n) => iamUser(rng, n)),
    },
    addresses,
    adversary_words: ADVERSARY_DOMAIN_WORDS,
  };
}
