/**
 * A minimal MaxMind DB writer for tests (IPv4 trees, 24-bit records, maps of strings and
 * unsigned integers), written from the MaxMind DB format specification 2.0, so the ASN path
 * can be tested against a real file without shipping a third-party database.
 */

type Value = string | number | { [k: string]: Value } | Value[];

function encode(v: Value): Buffer {
  if (typeof v === 'string') return Buffer.concat([control(2, Buffer.byteLength(v)), Buffer.from(v)]);
  if (typeof v === 'number') {
    const bytes: number[] = [];
    for (let n = v; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
    return Buffer.concat([control(v > 0xffff ? 6 : 5, bytes.length), Buffer.from(bytes)]);
  }
  if (Array.isArray(v)) return Buffer.concat([control(11, v.length), ...v.map(encode)]);
  const entries = Object.entries(v);
  return Buffer.concat([control(7, entries.length), ...entries.flatMap(([k, x]) => [encode(k), encode(x)])]);
}

/**
 * Control byte: type in the top three bits (0 and a second byte `type - 7` for extended types),
 * size in the low five; sizes 29 to 284 put 29 there and `size - 29` in a following byte.
 */
function control(type: number, size: number): Buffer {
  if (size >= 285) throw new RangeError('test writer supports sizes below 285');
  const small = size < 29 ? size : 29;
  const head = type <= 7 ? [(type << 5) | small] : [small, type - 7];
  return Buffer.from(size < 29 ? head : [...head, size - 29]);
}

interface Node {
  children: [Node | number | undefined, Node | number | undefined];
  index: number;
}

/** networks: [ 'a.b.c.d/len', record ] */
export function writeMmdb(databaseType: string, networks: [string, Value][]): Buffer {
  const data: Buffer[] = [];
  let dataLength = 0;
  const root: Node = { children: [undefined, undefined], index: 0 };
  const nodes = [root];
  for (const [cidr, record] of networks) {
    const [addr, len] = cidr.split('/');
    const ip = addr.split('.').reduce((n, o) => n * 256 + Number(o), 0);
    const offset = dataLength;
    const enc = encode(record);
    data.push(enc);
    dataLength += enc.length;
    let node = root;
    for (let bit = 0; bit < Number(len); bit++) {
      const side = (Math.floor(ip / 2 ** (31 - bit)) & 1) as 0 | 1;
      if (bit === Number(len) - 1) node.children[side] = offset;
      else {
        let next = node.children[side];
        if (typeof next !== 'object') {
          next = { children: [undefined, undefined], index: nodes.length };
          nodes.push(next);
          node.children[side] = next;
        }
        node = next;
      }
    }
  }
  const n = nodes.length;
  const tree = Buffer.alloc(n * 6);
  nodes.forEach((node, i) => {
    node.children.forEach((c, side) => {
      const value = c === undefined ? n : typeof c === 'number' ? n + 16 + c : c.index;
      tree.writeUIntBE(value, i * 6 + side * 3, 3);
    });
  });
  const meta = encode({ node_count: n, record_size: 24, ip_version: 4, database_type: databaseType, languages: ['en'], binary_format_major_version: 2, binary_format_minor_version: 0, build_epoch: 1767225600, description: { en: 'Vigil test database' } });
  return Buffer.concat([tree, Buffer.alloc(16), ...data, Buffer.from([0xab, 0xcd, 0xef]), Buffer.from('MaxMind.com'), meta]);
}
