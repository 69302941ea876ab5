/**
 * The same WRCCDC traffic logged by Zeek 6.2 as TSV and as JSON (json-streaming-logs):
 * the two readers must produce exactly the same records, row for row, and every record
 * must map to ECS.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import { corpusPath } from '../../testing/corpora.js';
import { decodeZeekLines } from './decoder.js';
import { parseZeekJsonLine } from './json-reader.js';
import type { ZeekRecord } from './record.js';
import { ZeekTsvReader } from './tsv-reader.js';

const LOGS = ['dns', 'notice', 'smb_mapping', 'ssh', 'weird', 'x509'];

function gunzipLines(path: string): string[] {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

for (const log of LOGS) {
  test(`${log}: TSV and JSON readers yield identical records`, (t) => {
    const root = corpusPath(t, 'zeek-brim-wrccdc');
    if (!root) return;
    const reader = new ZeekTsvReader();
    const fromTsv: ZeekRecord[] = [];
    for (const line of gunzipLines(join(root, 'zeek-default', `${log}.log.gz`))) {
      const r = reader.push(line);
      assert.notEqual(r.kind, 'error', line);
      if (r.kind === 'record') fromTsv.push(r.record);
    }
    const fromJson = gunzipLines(join(root, 'zeek-json', `${log}.json.gz`)).map((line) => {
      const r = parseZeekJsonLine(line);
      assert.ok(r.ok, line);
      return r.record;
    });
    assert.ok(fromTsv.length > 0);
    assert.equal(fromTsv.length, fromJson.length);
    const mismatches: number[] = [];
    for (let i = 0; i < fromTsv.length; i++) {
      if (!isDeepStrictEqual(fromTsv[i], fromJson[i])) mismatches.push(i);
    }
    if (mismatches.length > 0) {
      const i = mismatches[0];
      assert.deepEqual(fromTsv[i], fromJson[i], `${mismatches.length} rows differ, first at row ${i + 1}`);
    }
  });
}

test('every corpus record maps to ECS with a timestamp, a dataset and the zeek logsource', (t) => {
  const root = corpusPath(t, 'zeek-brim-wrccdc');
  if (!root) return;
  for (const log of LOGS) {
    const results = decodeZeekLines(gunzipLines(join(root, 'zeek-default', `${log}.log.gz`)));
    assert.ok(results.length > 0);
    for (const r of results) {
      assert.ok(r.ok, log);
      assert.equal(typeof r.record.ts, 'number');
      assert.equal(r.record.fields['event.dataset'], `zeek.${log}`);
      assert.deepEqual(r.record.logsource, { product: 'zeek', service: log });
      // Weirds and notices that are not about a connection have no 5-tuple.
      assert.equal(r.record.fields['source.ip'], r.record.native['id.orig_h']);
    }
  }
});

test('spot checks of mapped corpus values', (t) => {
  const root = corpusPath(t, 'zeek-brim-wrccdc');
  if (!root) return;
  const first = (log: string) => {
    const [r] = decodeZeekLines(gunzipLines(join(root, 'zeek-json', `${log}.json.gz`)).slice(0, 1));
    assert.ok(r.ok);
    return r.record;
  };
  const dns = first('dns');
  assert.equal(dns.ts, 1521911720865.716);
  assert.equal(dns.fields['dns.question.name'], 'ise.wrccdc.org');
  assert.deepEqual(dns.fields['dns.answers.data'], ['ise.wrccdc.cpp.edu', '134.71.3.16']);
  assert.deepEqual(dns.fields['dns.resolved_ip'], ['134.71.3.16']);
  assert.deepEqual(dns.fields['dns.header_flags'], ['RD', 'RA']);
  assert.equal(dns.native['id.orig_h'], '10.47.1.100');

  const x509 = first('x509');
  assert.equal(x509.fields['file.x509.serial_number'], 'CC57FE54011E');
  assert.equal(x509.fields['file.x509.not_before'], '2011-09-10T12:15:02.000Z');
  assert.equal(x509.native['certificate.serial'], 'CC57FE54011E');

  const ssh = first('ssh');
  assert.equal(ssh.fields['event.outcome'], 'success');
  assert.equal(ssh.fields['destination.port'], 22);

  const notice = first('notice');
  assert.equal(notice.fields['event.kind'], 'alert');
  assert.equal(notice.fields['rule.name'], 'SSL::Invalid_Server_Cert');
});
