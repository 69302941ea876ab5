/**
 * go-libaudit's golden per-record parses (auditd-go-libaudit): every line of every test log
 * must parse to the same record type, serial, time, interpreted fields and rule keys;
 * lines go-libaudit refuses (golden `null`) must be refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../testing/corpora.js';
import { interpretAuditRecord } from './interpret.js';
import { parseAuditLine } from './line-parser.js';

interface Golden {
  '@timestamp': string;
  record_type: string;
  sequence: number;
  data: Record<string, string>;
  keys?: string[];
}

const LOGS = ['test2.log', 'test3.log', 'audit-rhel6.log', 'audit-rhel7.log', 'audit-ubuntu14.log', 'audit-ubuntu16.log', 'audit-ubuntu17.log'];

for (const log of LOGS) {
  test(`${log}: every record matches its golden parse`, (t) => {
    const dir = corpusPath(t, 'auditd-go-libaudit', 'auparse', 'testdata');
    if (!dir) return;
    const lines = readFileSync(join(dir, log), 'utf8').split('\n').filter((l) => l.length > 0);
    const golden = JSON.parse(readFileSync(join(dir, `${log}.golden`), 'utf8')) as Array<Golden | null>;
    assert.equal(lines.length, golden.length);
    lines.forEach((line, i) => {
      const expected = golden[i];
      const parsed = parseAuditLine(line);
      const where = `${log}:${i + 1}`;
      if (expected === null) {
        assert.equal(parsed.ok, false, `${where} should be refused`);
        return;
      }
      assert.ok(parsed.ok, `${where}: ${parsed.ok ? '' : parsed.reason}`);
      const { record } = parsed;
      assert.equal(record.type.toLowerCase(), expected.record_type, where);
      assert.equal(record.sequence, expected.sequence, where);
      assert.equal(record.timeMs, Date.parse(expected['@timestamp']), where);
      const view = interpretAuditRecord(record);
      assert.deepEqual(view.data, expected.data, where);
      assert.deepEqual(view.keys, expected.keys, where);
    });
  });
}
