/**
 * Source text that reads one fixed-length field of a data record into a local, for the
 * compiled flow builders. Each read gives exactly what decodeValue gives for the same type
 * and length (value-decoder.ts); the common cases are inlined (integers of 1–4 octets,
 * IPv4 addresses through the shared text cache, absolute times keeping their epoch ms) and
 * everything else calls decodeValue itself.
 */
import type { ValueRef } from './ecs-codegen.js';
import type { TemplateField } from './templates.js';

export interface FieldRead {
  /** Statements declaring the value's local (and helpers' locals). */
  code: string;
  ref: ValueRef;
}

/** Big-endian unsigned integer of 0–4 octets at `buf[p + at]`, as an expression. */
function uintExpr(at: number, length: number): string {
  const byte = (i: number) => `buf[p + ${at + i}]`;
  switch (length) {
    case 0:
      return '0';
    case 1:
      return byte(0);
    case 2:
      return `((${byte(0)} << 8) | ${byte(1)})`;
    case 3:
      return `((${byte(0)} << 16) | (${byte(1)} << 8) | ${byte(2)})`;
    default:
      // The top octet is multiplied rather than shifted: a shift would make it negative.
      return `(${byte(0)} * 16777216 + ((${byte(1)} << 16) | (${byte(2)} << 8) | ${byte(3)}))`;
  }
}

/**
 * How to read `field` at `at` octets into the record into local `v`. `typeSlot` registers
 * the field's type for decodeValue and returns the expression naming it.
 */
export function fieldRead(field: TemplateField, at: number, v: string, typeSlot: (type: string) => string): FieldRead {
  const { type, length } = field;
  const offset = `p + ${at}`;
  const generic = (kind: ValueRef['kind']): FieldRead => ({ code: `const ${v} = decode(buf, ${offset}, ${length}, ${typeSlot(type)});`, ref: { expr: v, kind } });
  switch (type) {
    case 'unsigned8':
    case 'unsigned16':
    case 'unsigned32':
    case 'unsigned64':
      if (length <= 4) return { code: `const ${v} = ${uintExpr(at, length)};`, ref: { expr: v, kind: 'number' } };
      if (length <= 6) return { code: `const ${v} = readUnsigned(buf, ${offset}, ${length});`, ref: { expr: v, kind: 'number' } };
      // 7–8 octets may exceed 2^53 (decimal text); longer ones are hex.
      return generic(length <= 8 ? 'any' : 'text');
    case 'signed8':
    case 'signed16':
    case 'signed32':
    case 'signed64':
      return generic(length >= 1 && length <= 6 ? 'number' : length === 0 ? 'any' : length <= 8 ? 'any' : 'text');
    case 'ipv4Address':
      if (length !== 4) break;
      return { code: `const ${v}a = ${uintExpr(at, 4)}; const ${v} = ipv4Text(${v}a);`, ref: { expr: v, kind: 'text', at: { offset, length: 4 } } };
    case 'ipv6Address':
      if (length !== 16) break;
      return { code: `const ${v} = ipv6ToString(buf, ${offset});`, ref: { expr: v, kind: 'text', at: { offset, length: 16 } } };
    case 'macAddress':
      if (length !== 6) break;
      return { code: `const ${v} = macToString(buf, ${offset});`, ref: { expr: v, kind: 'text' } };
    case 'dateTimeSeconds':
      if (length !== 4) break;
      return {
        code: `const ${v}s = ${uintExpr(at, 4)} * 1000; const ${v} = isoFromMs(${v}s);`,
        ref: { expr: v, kind: 'text', epoch: { ms: `${v}s`, valid: 'true' } },
      };
    case 'dateTimeMilliseconds':
      if (length < 1 || length > 8) break;
      return {
        code:
          `const ${v}m = ${length <= 4 ? uintExpr(at, length) : `readUnsigned(buf, ${offset}, ${length})`}; ` +
          `const ${v}ok = typeof ${v}m === 'number' && ${v}m <= 8.64e15; ` +
          `const ${v} = ${v}ok ? isoFromMs(${v}m) : hexString(buf, ${offset}, ${length});`,
        ref: { expr: v, kind: 'text', epoch: { ms: `${v}m`, valid: `${v}ok` } },
      };
    default:
      break;
  }
  // Hex for unusual lengths, text, booleans, floats, octet arrays, lists: decodeValue decides.
  return generic('any');
}
