import { test } from 'node:test';
import assert from 'node:assert/strict';
import { communityIdV1 } from './community-id.js';

// Vectors from the Community ID specification's baseline (seed 0). For ICMP rows the
// baseline's "ports" are the message type and code.
const BASELINE: Array<[number, string, string, number | null, number | null, string]> = [
  [58, 'fe80::200:86ff:fe05:80da', 'fe80::260:97ff:fe07:69ea', 135, 136, '1:dGHyGvjMfljg6Bppwm3bg0LO8TY='],
  [58, 'fe80::260:97ff:fe07:69ea', 'fe80::200:86ff:fe05:80da', 136, 135, '1:dGHyGvjMfljg6Bppwm3bg0LO8TY='],
  [58, '3ffe:501:1800:2345::2', '3ffe:507:0:1:200:86ff:fe05:80da', 3, 0, '1:2ObVBgIn28oZvibYZhZMBgh7WdQ='],
  [58, '3ffe:501:410:0:2c0:dfff:fe47:33e', '3ffe:507:0:1:200:86ff:fe05:80da', 1, 4, '1:hLZd0XGWojozrvxqE0dWB1iM6R0='],
  [58, '3ffe:507:0:1:200:86ff:fe05:80da', '3ffe:501:0:1001::2', 128, 129, '1:+TW+HtLHvV1xnGhV1lv7XoJrqQg='],
  [58, 'fe80::200:86ff:fe05:80da', 'ff02::2', 133, 134, '1:hO+sN4H+MG5MY/8hIrXPqc4ZQz0='],
  [1, '192.168.0.89', '192.168.0.1', 8, 0, '1:X0snYXpgwiv9TZtqg64sgzUn6Dk='],
  [1, '192.168.0.1', '192.168.0.89', 0, 8, '1:X0snYXpgwiv9TZtqg64sgzUn6Dk='],
  [1, '10.0.0.1', '10.0.0.2', 11, 0, '1:YHxtAirCG//0OzkcVAukqKQN9xM='],
  [6, '2001:470:e5bf:dead:4957:2174:e82c:4887', '2607:f8b0:400c:c03::1a', 63943, 25, '1:/qFaeAR+gFe1KYjMzVDsMv+wgU4='],
  [6, '2607:f8b0:400c:c03::1a', '2001:470:e5bf:dead:4957:2174:e82c:4887', 25, 63943, '1:/qFaeAR+gFe1KYjMzVDsMv+wgU4='],
  [132, '192.168.170.8', '192.168.170.56', 7, 7, '1:MP2EtRCAUIZvTw6MxJHLV7N7JDs='],
  [132, '192.168.170.56', '192.168.170.8', 7, 7, '1:MP2EtRCAUIZvTw6MxJHLV7N7JDs='],
  [6, '128.232.110.120', '66.35.250.204', 34855, 80, '1:LQU9qZlK+B5F3KDmev6m5PMibrg='],
  [6, '66.35.250.204', '128.232.110.120', 80, 34855, '1:LQU9qZlK+B5F3KDmev6m5PMibrg='],
  [17, '192.168.1.52', '8.8.8.8', 54585, 53, '1:d/FP5EW3wiY1vCndhwleRRKHowQ='],
  [17, '8.8.8.8', '192.168.1.52', 53, 54585, '1:d/FP5EW3wiY1vCndhwleRRKHowQ='],
  [46, '10.1.12.1', '10.1.12.2', null, null, '1:KHlLkgoJW7ifUTyTSgyVfkFHzKw='],
  [46, '10.1.12.2', '10.1.12.1', null, null, '1:KHlLkgoJW7ifUTyTSgyVfkFHzKw='],
];

test('community ID v1 matches the specification baseline', () => {
  for (const [protocol, sourceIp, destinationIp, a, b, expected] of BASELINE) {
    const icmp = protocol === 1 || protocol === 58;
    const id = communityIdV1({
      protocol,
      sourceIp,
      destinationIp,
      sourcePort: icmp ? undefined : (a ?? undefined),
      destinationPort: icmp ? undefined : (b ?? undefined),
      icmpType: icmp ? (a ?? undefined) : undefined,
      icmpCode: icmp ? (b ?? undefined) : undefined,
    });
    assert.equal(id, expected, `${protocol} ${sourceIp} ${destinationIp} ${a} ${b}`);
  }
});

test('community ID refuses incomplete or inconsistent tuples', () => {
  assert.equal(communityIdV1({ protocol: 6, sourceIp: '10.0.0.1', destinationIp: '10.0.0.2' }), undefined);
  assert.equal(communityIdV1({ protocol: 6, sourceIp: '10.0.0.1', destinationIp: '::1', sourcePort: 1, destinationPort: 2 }), undefined);
  assert.equal(communityIdV1({ protocol: 6, sourceIp: '10.0.0.256', destinationIp: '10.0.0.1', sourcePort: 1, destinationPort: 2 }), undefined);
  assert.equal(communityIdV1({ protocol: 1, sourceIp: '10.0.0.1', destinationIp: '10.0.0.2' }), undefined);
  assert.equal(communityIdV1({ protocol: 300, sourceIp: '10.0.0.1', destinationIp: '10.0.0.2' }), undefined);
});
