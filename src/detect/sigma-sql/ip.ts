/**
 * `|cidr` in SQL with the engine's address parsing (src/detect/sigma/compile/cidr.ts): text is
 * trimmed; a dotted quad (octets up to 255, leading zeros allowed) is an IPv4 address, compared
 * as IPv4-mapped IPv6; text with a colon is IPv6 after removing `[` `]` and a `%zone`, with an
 * embedded IPv4 tail allowed. Both become 32 lowercase hex digits, compared with the network's
 * first and last address as text (same length, so text order is number order).
 *
 * The query layer's `ipInNetwork` is not used: it does not accept leading zeros, IPv4-mapped
 * addresses or embedded IPv4 tails, which the matcher does.
 */
import type { Pos } from '../sigma/index.js';
import { parseCidr } from '../sigma/compile/cidr.js';
import type { Frag } from './sql-kit.js';
import { jsTrim, sql, str } from './sql-kit.js';

const V4 = '(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})';
const MAPPED_PREFIX = '00000000000000000000ffff';

function octet(s: Frag, n: number): Frag {
  return sql`TRY_CAST(split_part(${s}, ${str('.')}, ${n}) AS INTEGER)`;
}

function isV4(s: Frag): Frag {
  const ok = [1, 2, 3, 4].map((n) => sql`${octet(s, n)} <= 255`);
  return sql`(regexp_full_match(${s}, ${str(V4)}) AND ${ok[0]} AND ${ok[1]} AND ${ok[2]} AND ${ok[3]})`;
}

/** The groups of one side of `::` (none for empty text). */
function groups(half: Frag): Frag {
  return sql`CASE WHEN ${half} = ${str('')} THEN []::VARCHAR[] ELSE string_split(${half}, ${str(':')}) END`;
}

function validGroups(gs: Frag): Frag {
  return sql`len(list_filter(${gs}, lambda _ip_g: NOT regexp_full_match(_ip_g, ${str('[0-9a-fA-F]{1,4}')}))) = 0`;
}

function hexGroups(gs: Frag): Frag {
  return sql`array_to_string(list_transform(${gs}, lambda _ip_g: lpad(lower(_ip_g), 4, ${str('0')})), ${str('')})`;
}

function ipv6Hex(t: Frag): Frag {
  const bare = sql`split_part(regexp_replace(${t}, ${str('^\\[|\\]$')}, ${str('')}, ${str('g')}), ${str('%')}, 1)`;
  const tail = sql`regexp_extract(_ip_z, ${str('[^:]*$')})`;
  const head = sql`regexp_replace(_ip_z, ${str('[^:]*$')}, ${str('')})`;
  const v4tail = sql`concat(${head}, printf(${str('%x:%x')}, ${octet(tail, 1)} * 256 + ${octet(tail, 2)}, ${octet(tail, 3)} * 256 + ${octet(tail, 4)}))`;
  const groupsText = sql`CASE WHEN contains(${tail}, ${str('.')}) THEN (CASE WHEN ${isV4(tail)} THEN ${v4tail} END) ELSE _ip_z END`;
  const g1 = groups(sql`_ip_p[1]`);
  const g2 = groups(sql`_ip_p[2]`);
  const one = sql`CASE WHEN ${validGroups(g1)} AND len(${g1}) = 8 THEN ${hexGroups(g1)} END`;
  const two = sql`CASE WHEN ${validGroups(g1)} AND ${validGroups(g2)} AND len(${g1}) + len(${g2}) <= 7 THEN concat(${hexGroups(g1)}, repeat(${str('0000')}, 8 - len(${g1}) - len(${g2})), ${hexGroups(g2)}) END`;
  const split = sql`list_transform([string_split(_ip_s, ${str('::')})], lambda _ip_p: CASE WHEN len(_ip_p) = 1 THEN ${one} WHEN len(_ip_p) = 2 THEN ${two} END)[1]`;
  const embedded = sql`list_transform([${groupsText}], lambda _ip_s: ${split})[1]`;
  return sql`list_transform([${bare}], lambda _ip_z: ${embedded})[1]`;
}

/** The address in `text` as 32 hex digits (IPv4 mapped into IPv6), or NULL when it is not one. */
export function ipHex(text: Frag): Frag {
  const v4 = sql`concat(${str(MAPPED_PREFIX)}, printf(${str('%02x%02x%02x%02x')}, ${octet(sql`_ip_t`, 1)}, ${octet(sql`_ip_t`, 2)}, ${octet(sql`_ip_t`, 3)}, ${octet(sql`_ip_t`, 4)}))`;
  const body = sql`CASE WHEN regexp_full_match(_ip_t, ${str(V4)}) THEN (CASE WHEN ${isV4(sql`_ip_t`)} THEN ${v4} END) WHEN contains(_ip_t, ${str(':')}) THEN ${ipv6Hex(sql`_ip_t`)} END`;
  return sql`list_transform([${jsTrim(text)}], lambda _ip_t: ${body})[1]`;
}

/** The first and last address of a Sigma `cidr` value as 32 hex digits; throws the engine's error for bad input. */
export function cidrRange(cidr: string, pos: Pos): { first: string; last: string } {
  const c = parseCidr(cidr, pos);
  const host = (1n << BigInt(128 - c.prefix)) - 1n;
  const hex = (v: bigint): string => v.toString(16).padStart(32, '0');
  return { first: hex(c.network), last: hex(c.network | host) };
}

/** The text is an address inside the network. */
export function inCidr(text: Frag, cidr: string, pos: Pos): Frag {
  const { first, last } = cidrRange(cidr, pos);
  return sql`(${ipHex(text)} BETWEEN ${str(first)} AND ${str(last)})`;
}
