import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat } from '../../registry.js';
import { decodeFixture, decodeWith } from '../test-support.js';
import { vpcflowFormat } from './vpcflow-format.js';

test('VPC flow default format (version 2): accepted and rejected flows, NODATA/SKIPDATA records', () => {
  const { records, rejected } = decodeFixture('vpcflow', 'vpcflow-default.log');
  assert.deepEqual(rejected, []);
  assert.equal(records.length, 4);
  const [accept, reject, nodata] = records;
  assert.equal(accept.ts, 1418530010000);
  assert.deepEqual(accept.logsource, { product: 'aws', service: 'vpcflow' });
  assert.deepEqual(accept.fields, {
    'event.kind': 'event', 'event.category': ['network'], 'event.type': ['connection', 'allowed'], 'event.action': 'accept', 'event.outcome': 'success',
    'source.ip': '172.31.16.139', 'source.port': 20641, 'destination.ip': '172.31.16.21', 'destination.port': 22, 'network.iana_number': '6', 'network.transport': 'tcp',
    'network.packets': 20, 'network.bytes': 4249, 'event.start': '2014-12-14T04:06:50.000Z', 'event.end': '2014-12-14T04:07:50.000Z', 'cloud.provider': 'aws',
    'cloud.service.name': 'vpc', 'cloud.account.id': '123456789010', 'interface.id': 'eni-1235b8ca123456789', 'event.module': 'aws', 'event.dataset': 'aws.vpcflow', 'related.ip': ['172.31.16.139', '172.31.16.21'],
  });
  assert.equal(accept.native['log-status'], 'OK');
  assert.deepEqual(reject.fields['event.type'], ['connection', 'denied']);
  assert.equal(reject.fields['event.outcome'], 'failure');
  assert.equal(nodata.fields['source.ip'], undefined);
  assert.equal(nodata.native['log-status'], 'NODATA');
});

test('VPC flow custom format from the header line (version 5 fields); a short line is rejected with its line number', () => {
  const { records, rejected } = decodeFixture('vpcflow', 'vpcflow-custom-v5.log');
  assert.equal(records.length, 2);
  assert.deepEqual(rejected.map((r) => [r.position.line, r.reason]), [[4, '7 fields where the header names 29']]);
  const [egress, ingress] = records;
  assert.equal(egress.fields['network.direction'], 'egress');
  assert.equal(egress.fields['cloud.region'], 'us-east-1');
  assert.equal(egress.fields['cloud.instance.id'], 'i-0123456789abcdef0');
  assert.equal(egress.fields['network.vpc.id'], 'vpc-0a1b2c3d');
  assert.equal(egress.native['pkt-dst-aws-service'], 'S3');
  assert.equal(egress.fields['destination.nat.ip'], undefined);
  assert.equal(ingress.fields['source.ip'], '203.0.113.9');
  assert.equal(ingress.fields['event.action'], 'reject');
});

test('VPC flow custom formats as written in LogFormat (${field}), versions 3 and 4', () => {
  const text = '${version} ${vpc-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${pkt-dstaddr} ${action} ${start}\n3 vpc-1 10.0.0.5 10.0.1.9 203.0.113.50 10.0.1.9 ACCEPT 1763640000\n';
  const { records, rejected } = decodeWith('vpcflow', text);
  assert.deepEqual(rejected, []);
  assert.equal(records[0].fields['source.nat.ip'], '203.0.113.50');
  assert.equal(records[0].fields['network.vpc.id'], 'vpc-1');
  const v4 = decodeWith('vpcflow', 'version srcaddr dstaddr region az-id sublocation-type action start\n4 10.0.0.5 10.0.1.9 eu-west-1 euw1-az2 - ACCEPT 1763640000\n');
  assert.equal(v4.records[0].fields['cloud.region'], 'eu-west-1');
});

test('VPC flow without a header: lines that are not 14 fields are rejected, saying why', () => {
  const { records, rejected } = decodeWith('vpcflow', '2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK\n2 123456789010 eni-1 10.0.0.1\n');
  assert.equal(records.length, 1);
  assert.deepEqual(rejected.map((r) => [r.position.line, r.reason]), [[2, '4 fields without a header line; the default format (version 2) has 14']]);
});

test('VPC flow JSON records (snake_case or camelCase keys) and format detection', () => {
  const { records, rejected } = decodeFixture('vpcflow', 'vpcflow.ndjson');
  assert.deepEqual(rejected, []);
  assert.equal(records[0].fields['destination.port'], 22);
  assert.equal(records[0].fields['cloud.account.id'], '123456789010');
  assert.deepEqual(decodeWith('vpcflow', '{"hello":"world"}').rejected.map((r) => r.reason), ['not a VPC flow log record: none of srcaddr, dstaddr, action, log-status, interface-id, version, start']);
  assert.ok(vpcflowFormat.sniff('version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n'));
  assert.ok(vpcflowFormat.sniff('2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK'));
  assert.ok(!vpcflowFormat.sniff('Nov 20 10:00:01 host sshd[1]: hello'));
  assert.equal(detectFormat('123456789010_vpcflowlogs_us-east-1_fl-1234abcd_20261120T1005Z_fe123456.log.gz', '').name, 'vpcflow');
});
