/**
 * Constants and small helpers that the generated flow builders call (ecs-codegen.ts): the
 * shared keyword lists, value tests mirroring how the mapping reads native values, and the
 * ICMP type/code rule. Kept apart so the generated code has one explicit set of names.
 */
import type { Logsource } from '../../core/index.js';
import { communityIdAt, communityIdText, type IcmpTypeCode } from './community-id.js';
import { transportName } from './protocols.js';
import { isoFromMs, sysUpTimeToMs } from './timestamps.js';

// Shared, frozen: every flow carries the same keyword lists.
export const NETWORK = Object.freeze(['network']) as string[];
export const CONNECTION = Object.freeze(['connection']) as string[];
export const INFO = Object.freeze(['info']) as string[];

/** Sigma has no flow taxonomy; rules select NetFlow/IPFIX events by this product. */
export const NETFLOW_LOGSOURCE: Readonly<Logsource> = Object.freeze({ product: 'netflow' });

export const FIREWALL_EVENTS: Record<number, { action: string; type: string[] }> = {
  // The type lists are shared by every record that uses them, hence frozen (see NETWORK above).
  1: { action: 'flow-created', type: Object.freeze(['connection', 'start']) as string[] },
  2: { action: 'flow-deleted', type: Object.freeze(['connection', 'end']) as string[] },
  3: { action: 'flow-denied', type: Object.freeze(['connection', 'denied']) as string[] },
  4: { action: 'flow-alert', type: Object.freeze(['connection']) as string[] },
  5: { action: 'flow-updated', type: Object.freeze(['connection', 'change']) as string[] },
};

/** A native value the mapping uses as a number: anything else (hex, text, lists) is absent. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** A native value the mapping uses as text: empty text counts as absent. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** An absolute flow time as decoded (ISO text); hex for an undecodable value never ends in Z. */
export function isIsoZ(v: unknown): v is string {
  return typeof v === 'string' && v.endsWith('Z');
}

export function ecsMac(v: unknown): string | undefined {
  return typeof v === 'string' && v.length === 17 ? v.toUpperCase().replace(/:/g, '-') : undefined;
}

/** `network.iana_number` text, from a table for the 256 protocol numbers. */
const PROTOCOL_TEXT = Array.from({ length: 256 }, (_, i) => String(i));
export function protocolText(protocol: number): string {
  return Number.isInteger(protocol) && protocol >= 0 && protocol < 256 ? PROTOCOL_TEXT[protocol] : String(protocol);
}

/**
 * ICMP type/code: the combined element first, then the separate type and code elements,
 * else the v5/softflowd convention of type·256+code in the destination port.
 */
export function icmpTypeCode(
  protocol: number,
  dport: number | undefined,
  combined4: number | undefined,
  combined6: number | undefined,
  type4: number | undefined,
  type6: number | undefined,
  code4: number | undefined,
  code6: number | undefined,
): IcmpTypeCode | undefined {
  const v6 = protocol === 58;
  const combined = v6 ? combined6 : combined4;
  if (combined !== undefined) return [combined >> 8, combined & 255];
  const type = v6 ? type6 : type4;
  if (type !== undefined) return [type, (v6 ? code6 : code4) ?? 0];
  if (dport !== undefined) return [dport >> 8, dport & 255];
  return undefined;
}

/** Everything generated builders refer to by name, handed to them when they are compiled. */
export const BUILDER_RUNTIME = {
  NETWORK,
  CONNECTION,
  LOGSOURCE: NETFLOW_LOGSOURCE,
  FIREWALL_EVENTS,
  num,
  str,
  isIsoZ,
  ecsMac,
  protocolText,
  icmpTypeCode,
  transportName,
  communityIdAt,
  communityIdText,
  isoFromMs,
  sysUpTimeToMs,
};
