/**
 * Value semantics of the in-memory matcher, rule by rule on evtx_dump-shaped events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, procRule, securityEvent, sysmonEvent } from '../testing/helpers.js';

function fires(detection: string, data: Record<string, unknown>, eventId = 1): boolean {
  const { bundle, diagnostics } = compileText(procRule(detection));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], detection);
  return bundle.match({ native: sysmonEvent(eventId, data) }).length > 0;
}

test('plain values are case-insensitive whole-value matches; wildcards and escapes per the specification', () => {
  assert.ok(fires("  sel: {Image: 'C:\\Windows\\System32\\whoami.exe'}\n  condition: sel", { Image: 'c:\\windows\\system32\\WHOAMI.EXE' }));
  assert.ok(!fires("  sel: {Image: 'whoami.exe'}\n  condition: sel", { Image: 'C:\\whoami.exe' }));
  assert.ok(fires("  sel: {Image: '*\\who?mi.exe'}\n  condition: sel", { Image: 'C:\\whoAmi.exe' }));
  assert.ok(!fires("  sel: {Image: '*\\who?mi.exe'}\n  condition: sel", { Image: 'C:\\whomi.exe' }));
  assert.ok(fires("  sel: {CommandLine: 'a\\*b'}\n  condition: sel", { CommandLine: 'a*b' }));
  assert.ok(!fires("  sel: {CommandLine: 'a\\*b'}\n  condition: sel", { CommandLine: 'axxb' }));
  assert.ok(fires("  sel: {CommandLine: 'a\\\\*'}\n  condition: sel", { CommandLine: 'a\\anything' }));
  assert.ok(fires("  sel: {CommandLine|cased: 'ABC'}\n  condition: sel", { CommandLine: 'ABC' }));
  assert.ok(!fires("  sel: {CommandLine|cased: 'ABC'}\n  condition: sel", { CommandLine: 'abc' }));
});

test('lists are OR, maps are AND, all turns a list into AND, neq negates', () => {
  const body = "  sel:\n    Image|endswith: ['\\a.exe', '\\b.exe']\n    CommandLine|contains|all: ['-x', '-y']\n  condition: sel";
  assert.ok(fires(body, { Image: 'C:\\b.exe', CommandLine: 'b.exe -y -x' }));
  assert.ok(!fires(body, { Image: 'C:\\b.exe', CommandLine: 'b.exe -y' }));
  assert.ok(!fires(body, { Image: 'C:\\c.exe', CommandLine: 'c.exe -y -x' }));
  assert.ok(fires("  sel: {User|neq: [alice, bob]}\n  condition: sel", { User: 'carol' }));
  assert.ok(!fires("  sel: {User|neq: [alice, bob]}\n  condition: sel", { User: 'Bob' }));
});

test('null, empty and exists', () => {
  assert.ok(fires('  sel: {OriginalFileName: null}\n  condition: sel', {}));
  assert.ok(fires('  sel: {OriginalFileName: null}\n  condition: sel', { OriginalFileName: null }));
  assert.ok(!fires('  sel: {OriginalFileName: null}\n  condition: sel', { OriginalFileName: '' }));
  assert.ok(fires("  sel: {OriginalFileName: ''}\n  condition: sel", { OriginalFileName: '' }));
  assert.ok(fires("  sel: {OriginalFileName: ''}\n  condition: sel", {}), "'' also matches an absent field");
  assert.ok(!fires("  sel: {OriginalFileName: ''}\n  condition: sel", { OriginalFileName: 'x' }));
  assert.ok(fires('  sel: {Hashes|exists: true}\n  condition: sel', { Hashes: null }));
  assert.ok(!fires('  sel: {Hashes|exists: true}\n  condition: sel', {}));
  assert.ok(fires('  sel: {Hashes|exists: false}\n  condition: sel', {}));
});

test('numbers, booleans, numeric comparison, cidr, fieldref, time parts', () => {
  assert.ok(fires('  sel: {TerminalSessionId: 2}\n  condition: sel', { TerminalSessionId: '2' }));
  assert.ok(fires('  sel: {TerminalSessionId: 2}\n  condition: sel', { TerminalSessionId: 2 }));
  assert.ok(fires('  sel: {LogonId: 0x3e7}\n  condition: sel', { LogonId: '0x3e7' }), 'hex written unquoted matches its text');
  assert.ok(fires('  sel: {Signed: true}\n  condition: sel', { Signed: 'TRUE' }));
  assert.ok(fires('  sel: {ProcessId|gte: 1000}\n  condition: sel', { ProcessId: '4096' }));
  assert.ok(!fires('  sel: {ProcessId|lt: 1000}\n  condition: sel', { ProcessId: 'abc' }));
  assert.ok(fires("  sel: {DestinationIp|cidr: '10.0.0.0/8'}\n  condition: sel", { DestinationIp: '10.20.30.40' }));
  assert.ok(fires("  sel: {DestinationIp|cidr: 'fd00::/8'}\n  condition: sel", { DestinationIp: 'fd12:3456::1' }));
  assert.ok(!fires("  sel: {DestinationIp|cidr: '10.0.0.0/8'}\n  condition: sel", { DestinationIp: '11.0.0.1' }));
  const ranges = "  sel: {DestinationIp|cidr: ['10.0.0.0/8', '192.168.0.0/16', 'fd00::/8', '::ffff:172.16.0.0/108']}\n  condition: sel";
  for (const ip of ['10.1.1.1', '192.168.3.4', 'fd12::1', '::ffff:10.2.3.4', '172.16.5.6']) assert.ok(fires(ranges, { DestinationIp: ip }), ip);
  for (const ip of ['11.0.0.1', 'fe80::1', '172.32.0.1', 'x']) assert.ok(!fires(ranges, { DestinationIp: ip }), ip);
  assert.ok(fires(ranges, { DestinationIp: ['8.8.8.8', '192.168.1.1'] }), 'a list of addresses: any element');
  assert.ok(fires("  sel: {DestinationIp|cidr: ['10.0.0.0/8', '20.0.0.0/8']}\n  condition: not sel", { DestinationIp: '30.0.0.1' }));
  assert.ok(fires('  sel: {ParentImage|fieldref: Image}\n  condition: sel', { Image: 'C:\\A.exe', ParentImage: 'c:\\a.exe' }));
  assert.ok(fires('  sel: {CommandLine|fieldref|contains: Image}\n  condition: sel', { Image: 'a.exe', CommandLine: '"c:\\a.exe" -x' }));
  assert.ok(!fires('  sel: {ParentImage|fieldref: Image}\n  condition: sel', { ParentImage: 'c:\\a.exe' }));
  assert.ok(fires('  sel: {UtcTime|hour: 3}\n  condition: sel', { UtcTime: '2024-05-06 03:59:00.000' }));
  assert.ok(fires('  sel: {UtcTime|week: 19}\n  condition: sel', { UtcTime: '2024-05-06 03:59:00.000' }));
});

test('regular expressions search, take flags, and constructs RE2 cannot run are rejected with the construct and position', () => {
  assert.ok(fires("  sel: {CommandLine|re: '\\s-[FTd]\\s'}\n  condition: sel", { CommandLine: 'wget -T 5 x' }));
  assert.ok(!fires("  sel: {CommandLine|re: '\\s-[FTd]\\s'}\n  condition: sel", { CommandLine: 'wget -t 5 x' }));
  assert.ok(fires("  sel: {CommandLine|re|i: '\\s-[FTd]\\s'}\n  condition: sel", { CommandLine: 'wget -t 5 x' }));
  assert.ok(fires("  sel: {CommandLine|re|startswith: 'wget'}\n  condition: sel", { CommandLine: 'wget -t 5 x' }));
  assert.ok(!fires("  sel: {CommandLine|re|startswith: 'wget'}\n  condition: sel", { CommandLine: 'x wget' }));
  const { rejected } = compileText(procRule("  sel:\n    CommandLine|re: 'a(?=b)'\n  condition: sel"));
  assert.equal(rejected.length, 1);
  assert.equal(`${rejected[0].line}:${rejected[0].col}`, '9:21');
  assert.match(rejected[0].error, /lookahead/);
  const back = compileText(procRule("  sel:\n    CommandLine|re: '(a)\\1'\n  condition: sel")).rejected[0];
  assert.match(back.error, /backreference/);
});

test('keywords search every value of the event', () => {
  assert.ok(fires("  kw: ['mimikatz']\n  condition: kw", { CommandLine: 'run MimiKatz.exe now' }));
  assert.ok(fires("  kw:\n    '|all': ['event::clear', 'sekurlsa']\n  condition: kw", { CommandLine: 'event::clear', Description: 'x sekurlsa' }));
  assert.ok(!fires("  kw:\n    '|all': ['event::clear', 'sekurlsa']\n  condition: kw", { CommandLine: 'event::clear' }));
});

test('windash and encodings match what attackers write', () => {
  const windash = "  sel: {CommandLine|windash|contains: ' -enc '}\n  condition: sel";
  for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) assert.ok(fires(windash, { CommandLine: `powershell ${dash}enc AAAA` }), dash);
  assert.ok(!fires(windash, { CommandLine: 'powershell +enc AAAA' }));
  // "IEX" encoded as UTF-16LE then base64 at some offset inside a longer PowerShell -enc payload.
  const payload = Buffer.from('$x=1; IEX (New-Object Net.WebClient)', 'utf16le').toString('base64');
  assert.ok(fires("  sel: {CommandLine|wide|base64offset|contains: 'IEX ('}\n  condition: sel", { CommandLine: `powershell -enc ${payload}` }));
  assert.ok(fires("  sel: {CommandLine|base64|contains: 'http://'}\n  condition: sel", { CommandLine: `x ${Buffer.from('http://').toString('base64')} y` }));
});

test('logsource routing: process_creation is Sysmon 1 and Security 4688 with its field names; other events never match', () => {
  const { bundle } = compileText(procRule("  sel: {Image|endswith: '\\whoami.exe', ParentImage|endswith: '\\cmd.exe'}\n  condition: sel"));
  assert.equal(bundle.match({ native: sysmonEvent(1, { Image: 'C:\\w\\whoami.exe', ParentImage: 'C:\\w\\cmd.exe' }) }).length, 1);
  assert.equal(bundle.match({ native: securityEvent(4688, { NewProcessName: 'C:\\w\\whoami.exe', ParentProcessName: 'C:\\w\\cmd.exe' }) }).length, 1);
  assert.equal(bundle.match({ native: sysmonEvent(11, { Image: 'C:\\w\\whoami.exe', ParentImage: 'C:\\w\\cmd.exe' }) }).length, 0, 'file_event is not process_creation');
  assert.equal(bundle.match({ native: { Image: 'C:\\w\\whoami.exe', ParentImage: 'C:\\w\\cmd.exe' } }).length, 0, 'a record without logsource matches nothing');
  assert.equal(bundle.match({ native: { Image: 'C:\\w\\whoami.exe', ParentImage: 'C:\\w\\cmd.exe' }, meta: { logsource: { product: 'windows', category: 'process_creation' } } }).length, 1, 'declared logsource');
  assert.equal(bundle.eventsByClass.get('unclassified'), 1);
});

test('unknown logsources are reported with a suggestion; a rule without logsource attributes is refused', () => {
  const res = compileText('title: t\nlogsource: {product: windows, category: proces_creation}\ndetection:\n  sel: {Image: x}\n  condition: sel\n');
  const w = res.diagnostics.find((d) => d.severity === 'warning' && /not known/.test(d.message));
  assert.ok(w);
  assert.match(w.message, /did you mean category 'process_creation'/);
  assert.equal(res.unmappedLogsource.length, 1);
  const empty = compileText('title: t\nlogsource: {definition: anything}\ndetection:\n  sel: {Image: x}\n  condition: sel\n');
  assert.equal(empty.rejected.length, 1);
  assert.match(empty.rejected[0].error, /would apply to every event/);
});

test('detections explain which selection matched which field and value', () => {
  const { bundle } = compileText(procRule("  sel: {Image|endswith: '\\whoami.exe'}\n  other: {User: x}\n  condition: sel or other"));
  const [m] = bundle.match({ native: sysmonEvent(1, { Image: 'C:\\w\\whoami.exe', User: 'y' }) });
  assert.deepEqual(m.matched, [{ selection: 'sel', field: 'Image', ruleValue: '\\whoami.exe', eventValue: 'C:\\w\\whoami.exe' }]);
  assert.equal(m.rule.level, 'high');
  assert.equal(m.field('User'), 'y');
});

test('Sigma filters keep a detection only when the filter condition holds, and count what they suppress', () => {
  const text = `${procRule("  sel: {Image|endswith: '\\whoami.exe'}\n  condition: sel")}\n---\ntitle: not admins\nlogsource: {product: windows}\nfilter:\n  rules: [11111111-1111-4111-8111-111111111111]\n  admins: {User|startswith: 'adm_'}\n  condition: not admins\n`;
  const { bundle } = compileText(text);
  assert.equal(bundle.match({ native: sysmonEvent(1, { Image: 'C:\\whoami.exe', User: 'adm_bob' }) }).length, 0);
  assert.equal(bundle.match({ native: sysmonEvent(1, { Image: 'C:\\whoami.exe', User: 'bob' }) }).length, 1);
  assert.equal(bundle.filterSuppressed[0], 1);
  const [stats] = bundle.stats();
  assert.deepEqual([stats.hits, stats.suppressed, stats.routed], [1, 1, true]);
});
