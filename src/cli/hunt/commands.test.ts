/**
 * `vigil hunt`, `vigil rules lint` and `vigil rules test` end to end, on evidence written to a
 * temporary folder (JSON, NDJSON.gz, CSV, Event XML) and rules from the Sigma testdata.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { huntCommand } from '../commands/hunt.js';
import { rulesLintCommand } from '../commands/rules-lint.js';
import { rulesTestCommand } from '../commands/rules-test.js';
import { sigmaTestdata } from '../../detect/sigma/testing/paths.js';
import { captureCliIo } from '../../testing/cli-io.js';

const io = (cwd: string): ReturnType<typeof captureCliIo> => captureCliIo({ cwd });

const sysmon = (time: string, image: string, cmd: string, user = 'CORP\\bob'): object => ({
  Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'PC1', TimeCreated: { '#attributes': { SystemTime: time } } }, EventData: { Image: image, CommandLine: cmd, User: user } },
});

test('hunt reads JSON, NDJSON.gz, CSV and Event XML, writes a JSONL timeline and explains what could not match', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-hunt-'));
  try {
    writeFileSync(join(dir, 'a.json'), JSON.stringify(sysmon('2024-01-01T00:00:02Z', 'C:\\Windows\\System32\\whoami.exe', 'whoami /all'), null, 2) + '\n' + JSON.stringify(sysmon('2024-01-01T00:00:01Z', 'C:\\x.exe', 'x')));
    writeFileSync(join(dir, 'b.ndjson.gz'), gzipSync(JSON.stringify(sysmon('2024-01-01T00:00:03Z', 'C:\\curl.exe', 'curl -o C:\\Temp\\a.exe http://x')) + '\n{broken\n'));
    writeFileSync(join(dir, 'c.csv'), 'EventID,Channel,Image,CommandLine,User\n1,Microsoft-Windows-Sysmon/Operational,"C:\\Windows\\whoami.exe","whoami, ""quoted""",adm_root\n');
    writeFileSync(join(dir, 'd.xml'), '<Events><Event><System><EventID>4688</EventID><Channel>Security</Channel><TimeCreated SystemTime="2024-01-01T00:00:00Z"/></System><EventData><Data Name="NewProcessName">C:\\whoami.exe</Data><Data Name="User">u</Data></EventData></Event></Events>');
    writeFileSync(join(dir, 'e.json'), JSON.stringify({ message: 'no logsource here' }));
    writeFileSync(join(dir, 'notes.txt'), 'not evidence');
    const t = io(dir);
    const code = await huntCommand.run([dir, '--rules', sigmaTestdata('rule-tests'), '--format', 'jsonl'], t.io);
    assert.equal(code, 0, t.err());
    const lines = t.out().trim().split('\n').map((l) => JSON.parse(l) as { rule: { title: string; level: string }; timestamp: string | null; event: object; matched: unknown[] });
    assert.deepEqual(
      lines.map((l) => [l.timestamp, l.rule.title]),
      [
        ['2024-01-01T00:00:00.000Z', 'Whoami Execution'],
        ['2024-01-01T00:00:02.000Z', 'Whoami Execution'],
        ['2024-01-01T00:00:03.000Z', 'Curl Download To Temp'],
      ],
    );
    assert.ok(lines.every((l) => l.event && l.matched.length > 0));
    const summary = t.err();
    assert.match(summary, /files: +5 read/);
    assert.match(summary, /1 files in the given folders skipped/);
    assert.match(summary, /events: +6 \(1 unreadable/);
    assert.match(summary, /detections: +3 \(critical 0, high 0, medium 1, low 2/);
    assert.match(summary, /no logsource: 1 events/);
    assert.match(summary, /logsources: +windows\/sysmon\/process_creation 4; windows\/security\/process_creation 1/);
    assert.match(summary, /could not match: 1 rules, because no event had their logsource:\n +linux\/sshd\/\* \(1\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('hunt: correlation rules over records from several files, in event-time order; --min-level and table output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-hunt-'));
  try {
    const line = (t: string, ip: string): string => JSON.stringify({ time: t, message: 'Failed password for root', source_ip: ip });
    writeFileSync(join(dir, 'late.jsonl'), line('2024-01-01T00:00:40Z', '10.0.0.1') + '\n');
    writeFileSync(join(dir, 'early.jsonl'), [line('2024-01-01T00:00:00Z', '10.0.0.1'), line('2024-01-01T00:00:20Z', '10.0.0.1')].join('\n'));
    const t = io(dir);
    const code = await huntCommand.run([dir, '--rules', sigmaTestdata('rule-tests', 'brute-force.yml'), '--logsource', 'product=linux,service=sshd', '--min-level', 'high'], t.io);
    assert.equal(code, 0, t.err());
    const out = t.out();
    assert.match(out, /^Timestamp +Level +Rule/);
    assert.match(out, /2024-01-01T00:00:40\.000Z +high +SSH brute force +source_ip=10\.0\.0\.1 value=3 events=3/);
    assert.doesNotMatch(out, /SSH failure/, 'the base rule only feeds the correlation');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('hunt reads Zeek TSV through the codec registry, with the logsource the codec declares', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-hunt-'));
  try {
    const tsv = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tdns', '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery', '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring', '1704067200.000000\tC1\t10.0.0.5\t5353\t10.0.0.1\t53\tudp\tupdate.evil-tunnel.example', '1704067201.000000\tC2\t10.0.0.5\t5353\t10.0.0.1\t53\tudp\twww.example.org', ''].join('\n');
    writeFileSync(join(dir, 'dns.log'), tsv);
    writeFileSync(join(dir, 'rule.yml'), "title: Tunnel domain\nlevel: high\nlogsource: {product: zeek, service: dns}\ndetection:\n  sel: {query|contains: 'evil-tunnel', id.orig_h|cidr: '10.0.0.0/8'}\n  condition: sel\n");
    const t = io(dir);
    assert.equal(await huntCommand.run([join(dir, 'dns.log'), '--rules', join(dir, 'rule.yml'), '--format', 'csv'], t.io), 0, t.err());
    const rows = t.out().trim().split('\n');
    assert.equal(rows[0], 'timestamp,level,rule_id,rule,computer,details,file,where');
    assert.equal(rows.length, 2);
    assert.match(rows[1], /^2024-01-01T00:00:00\.000Z,high,,Tunnel domain,,query=update\.evil-tunnel\.example id\.orig_h=10\.0\.0\.5,/);
    assert.match(t.err(), /logsources: +zeek\/dns 2/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rules lint reports every problem with file:line:col and exits 1 on rejected rules; --format json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-lint-'));
  try {
    writeFileSync(join(dir, 'bad.yml'), 'title: bad\nlogsource: {product: windows, category: proces_creation}\ndetection:\n  sel:\n    CommandLine|re: "(?<=x)y"\n  condition: sel or missing\n');
    const t = io(dir);
    assert.equal(await rulesLintCommand.run([dir, sigmaTestdata('rule-tests')], t.io), 1);
    assert.match(t.out(), /bad\.yml:5:21: error: regular expression uses a lookbehind/);
    assert.match(t.out(), /bad\.yml:6:21: error: condition: search identifier 'missing' is not defined/);
    assert.match(t.out(), /bad\.yml:2:\d+: warning: logsource product=windows category=proces_creation is not known.*did you mean category 'process_creation'/);
    const j = io(dir);
    assert.equal(await rulesLintCommand.run([sigmaTestdata('rule-tests'), '--format', 'json'], j.io), 0);
    const report = JSON.parse(j.out()) as { loaded: number; rejected: unknown[]; warnings: unknown[] };
    assert.equal(report.loaded, 4);
    assert.deepEqual(report.rejected, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rules test runs the tests rules carry and exits 1 when one fails', async () => {
  const t = io(process.cwd());
  assert.equal(await rulesTestCommand.run([sigmaTestdata('rule-tests')], t.io), 1);
  assert.match(t.out(), /^PASS .*whoami\.yml:\d+:\d+ 22222222-2222-4222-8222-222222222222: sysmon whoami/m);
  assert.match(t.out(), /^FAIL .*curl\.tests\.yml:4:\d+ 33333333-3333-4333-8333-333333333333: this test is wrong on purpose/m);
  assert.match(t.out(), /7 tests: 6 passed, 1 failed; 1 rules without tests/);
});
