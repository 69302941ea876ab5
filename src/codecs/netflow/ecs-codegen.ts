/**
 * The flow → ECS mapping, written as a code generator. For a template whose elements are
 * known, the generated code reads only the elements present, skips tests whose outcome the
 * element types already decide, and builds the fields object as one object literal for the
 * fields every record of the template has (V8 then gives all of them one hidden class),
 * adding the data-dependent ones after it in the same key order.
 *
 * The rules (which element feeds which field, fallbacks, the Community ID, flow times) are
 * the mapping's single definition: records of unknown shape use the same code generated
 * with every element possibly present (ecs-mapping.ts). Direction: a unidirectional flow's
 * octets were sent by its source (`source.bytes`); biflow counters (initiator/responder,
 * RFC 5103 reverse elements) fill `destination.bytes`; `network.bytes` is the sum.
 *
 * Generated code sees `buf`, `c` (RecordContext), `h` (its header) and the names of
 * BUILDER_RUNTIME. Element names only reach the code through JSON.stringify.
 */

/** What the generator knows about a native value before any record is read. */
export type ValueKind = 'number' | 'text' | 'any';

export interface ValueRef {
  /** JS expression of the native value: a local of the builder, or a property read of `n`. */
  expr: string;
  /** `number`: always a number; `text`: always non-empty text; `any`: test at run time. */
  kind: ValueKind;
  /** Addresses read from the datagram: where their octets are, for the Community ID. */
  at?: { offset: string; length: 4 | 16 };
  /** Absolute times decoded by the builder: epoch ms, and when the value is a time at all. */
  epoch?: { ms: string; valid: string };
}

export interface EcsCodeOptions {
  value(name: string): ValueRef | undefined;
  /** Export version, when fixed (a template belongs to one session); undefined: per packet. */
  version: 5 | 9 | 10 | undefined;
  /** Whether records carry `netflow.template_id`: always, never, or when `c.templateId` is set. */
  templateId: 'always' | 'never' | 'runtime';
}

/** A derived value: its local (or constant) expression and whether it can be undefined. */
interface Term {
  expr: string;
  presence: 'always' | 'maybe' | 'never';
  /** The element that supplies the value whenever it is present, if one always does. */
  ref?: ValueRef;
}

const NEVER: Term = { expr: 'undefined', presence: 'never' };

const EDGES = {
  Start: { absolute: ['flowStartNanoseconds', 'flowStartMicroseconds', 'flowStartMilliseconds', 'flowStartSeconds'], upTime: 'flowStartSysUpTime', delta: 'flowStartDeltaMicroseconds' },
  End: { absolute: ['flowEndNanoseconds', 'flowEndMicroseconds', 'flowEndMilliseconds', 'flowEndSeconds'], upTime: 'flowEndSysUpTime', delta: 'flowEndDeltaMicroseconds' },
} as const;

function and(...conds: string[]): string {
  if (conds.includes('false')) return 'false';
  const rest = conds.filter((c) => c !== 'true');
  return rest.length === 0 ? 'true' : rest.map((c) => `(${c})`).join(' && ');
}

function or(a: string, b: string): string {
  if (a === 'true' || b === 'true') return 'true';
  if (a === 'false') return b;
  if (b === 'false') return a;
  return `(${a}) || (${b})`;
}

function defined(t: Term): string {
  return t.presence === 'always' ? 'true' : t.presence === 'never' ? 'false' : `${t.expr} !== undefined`;
}

/** `a ?? b` with what is statically known folded away. */
function either(a: Term, b: Term): string {
  if (a.presence === 'always' || b.presence === 'never') return a.expr;
  if (a.presence === 'never') return b.expr;
  return `(${a.expr} ?? ${b.expr})`;
}

class Generator {
  readonly lines: string[] = [];
  private readonly fields: Array<{ key: string; value: string; when: string }> = [];
  private locals = 0;

  constructor(private readonly o: EcsCodeOptions) {}

  local(expr: string, mutable = false): string {
    const name = `e${this.locals++}`;
    this.lines.push(`${mutable ? 'let' : 'const'} ${name} = ${expr};`);
    return name;
  }

  set(key: string, value: string, when = 'true'): void {
    if (when !== 'false') this.fields.push({ key, value, when });
  }

  /** The first of `names` that the template has and whose value passes the test (`num`/`str`). */
  first(names: readonly string[], test: 'num' | 'str'): Term {
    const parts: string[] = [];
    const refs: ValueRef[] = [];
    let always = false;
    for (const name of names) {
      const ref = this.o.value(name);
      if (!ref) continue;
      refs.push(ref);
      if (ref.kind === (test === 'num' ? 'number' : 'text')) {
        parts.push(ref.expr);
        always = true;
        break;
      }
      parts.push(`${test}(${ref.expr})`);
    }
    if (parts.length === 0) return NEVER;
    return { expr: this.local(parts.join(' ?? ')), presence: always ? 'always' : 'maybe', ref: always && refs.length === 1 ? refs[0] : undefined };
  }

  /** The fields object: a literal up to the first conditional field, assignments after it. */
  fieldsCode(): string {
    let literal = 0;
    while (literal < this.fields.length && this.fields[literal].when === 'true') literal++;
    const head = this.fields.slice(0, literal).map((f) => `${JSON.stringify(f.key)}: ${f.value}`);
    const tail = this.fields.slice(literal).map((f) => {
      const assign = `f[${JSON.stringify(f.key)}] = ${f.value};`;
      return f.when === 'true' ? assign : `if (${f.when}) ${assign}`;
    });
    return [`const f = { ${head.join(', ')} };`, ...tail].join('\n');
  }

  /** A flow boundary from whichever time element the exporter used; locals for its ISO text and ms. */
  instant(edge: 'Start' | 'End'): { iso: string; ms: string } {
    const keys = EDGES[edge];
    const iso = this.local('undefined', true);
    const ms = this.local('0', true);
    const label = `${edge.toLowerCase()}Time`;
    const body: string[] = [];
    for (const key of keys.absolute) {
      const ref = this.o.value(key);
      if (!ref) continue;
      if (ref.epoch) body.push(`if (${ref.epoch.valid}) { ${iso} = ${ref.expr}; ${ms} = ${ref.epoch.ms}; break ${label}; }`);
      else body.push(`if (isIsoZ(${ref.expr})) { ${iso} = ${ref.expr}; ${ms} = Date.parse(${iso}); break ${label}; }`);
    }
    const upRef = this.o.value(keys.upTime);
    if (upRef) {
      const up = upRef.kind === 'number' ? upRef.expr : `num(${upRef.expr})`;
      // v5/v9 headers carry sysUpTime; IPFIX needs systemInitTimeMilliseconds from options records.
      const fromHeader = `{ ${ms} = sysUpTimeToMs(c.exportMs, h.sysUpTimeMs, u); ${iso} = isoFromMs(${ms}, c.subMs); break ${label}; }`;
      const fromInit = `const init = c.session.options.systemInitTimeMs; if (init !== undefined) { ${iso} = isoFromMs(init + u); ${ms} = init + u; break ${label}; }`;
      const v = this.o.version;
      const byVersion = v === undefined ? `if (h.sysUpTimeMs !== undefined) ${fromHeader} ${fromInit}` : v === 10 ? fromInit : fromHeader;
      body.push(`{ const u = ${up}; if (u !== undefined) { ${byVersion} } }`);
    }
    const deltaRef = this.o.value(keys.delta);
    if (deltaRef) {
      const delta = deltaRef.kind === 'number' ? deltaRef.expr : `num(${deltaRef.expr})`;
      body.push(`{ const d = ${delta}; if (d !== undefined) { ${ms} = c.exportMs - Math.floor(d / 1000); ${iso} = isoFromMs(${ms}, c.subMs); } }`);
    }
    if (body.length) this.lines.push(`${label}: { ${body.join(' ')} }`);
    return { iso, ms };
  }
}

/** Statements declaring `f`, the ECS fields of one flow record. */
export function ecsCode(o: EcsCodeOptions): string {
  const g = new Generator(o);
  const fw = g.first(['firewallEvent', 'ciscoFwEvent'], 'num');
  const fwEvent = fw.presence === 'never' ? undefined : g.local(`FIREWALL_EVENTS[${fw.presence === 'always' ? fw.expr : `${fw.expr} ?? -1`}]`);
  g.set('event.kind', "'event'");
  g.set('event.category', 'NETWORK');
  // A firewall event replaces the type; assigning it here keeps the key where it always was.
  g.set('event.type', fwEvent ? `(${fwEvent} === undefined ? CONNECTION : ${fwEvent}.type)` : 'CONNECTION');
  g.set('event.module', "'netflow'");
  g.set('event.dataset', "'netflow.flow'");
  g.set('event.created', 'c.created');
  g.set('observer.ip', 'c.exporter.address');
  g.set('netflow.exporter.address', 'c.exporterText');
  g.set('netflow.exporter.version', 'h.version');
  g.set('netflow.exporter.source_id', 'h.domainId');
  g.set('netflow.exporter.sequence', 'h.sequence');
  g.set('netflow.exporter.uptime_millis', 'h.sysUpTimeMs', o.version === undefined ? 'h.sysUpTimeMs !== undefined' : String(o.version !== 10));
  g.set('netflow.template_id', 'c.templateId', o.templateId === 'runtime' ? 'c.templateId !== undefined' : String(o.templateId === 'always'));

  const src = g.first(['sourceIPv4Address', 'sourceIPv6Address'], 'str');
  const dst = g.first(['destinationIPv4Address', 'destinationIPv6Address'], 'str');
  const sport = g.first(['sourceTransportPort', 'udpSourcePort', 'tcpSourcePort'], 'num');
  const dport = g.first(['destinationTransportPort', 'udpDestinationPort', 'tcpDestinationPort'], 'num');
  const protocol = g.first(['protocolIdentifier'], 'num');
  g.set('source.ip', src.expr, defined(src));
  g.set('destination.ip', dst.expr, defined(dst));
  g.set('source.port', sport.expr, defined(sport));
  g.set('destination.port', dport.expr, defined(dport));
  const anyAddress = or(defined(src), defined(dst));
  const firstAddress = either(src, dst);
  const knownLength = src.presence === 'always' ? src.ref?.at?.length : src.presence === 'never' && dst.presence === 'always' ? dst.ref?.at?.length : undefined;
  const family = knownLength === 4 ? "'ipv4'" : knownLength === 16 ? "'ipv6'" : `(${firstAddress}.includes(':') ? 'ipv6' : 'ipv4')`;
  g.set('network.type', family, anyAddress);
  const pair = src.presence === 'never' || dst.presence === 'never' ? 'false' : and(defined(src), defined(dst), `${src.expr} !== ${dst.expr}`);
  g.set('related.ip', pair === 'false' ? `[${firstAddress}]` : `(${pair} ? [${src.expr}, ${dst.expr}] : [${firstAddress}])`, anyAddress);
  g.set('network.iana_number', `protocolText(${protocol.expr})`, defined(protocol));
  if (protocol.presence !== 'never') {
    const name = g.local(protocol.presence === 'always' ? `transportName(${protocol.expr})` : `${protocol.expr} === undefined ? undefined : transportName(${protocol.expr})`);
    g.set('network.transport', name, `${name} !== undefined`);
  }
  const both = and(defined(protocol), defined(src), defined(dst));
  if (both !== 'false') {
    const p = protocol.expr;
    const numOf = (name: string) => {
      const ref = o.value(name);
      return !ref ? 'undefined' : ref.kind === 'number' ? ref.expr : `num(${ref.expr})`;
    };
    const icmpArgs = ['icmpTypeCodeIPv4', 'icmpTypeCodeIPv6', 'icmpTypeIPv4', 'icmpTypeIPv6', 'icmpCodeIPv4', 'icmpCodeIPv6'].map(numOf);
    const icmp = dport.presence === 'never' && icmpArgs.every((a) => a === 'undefined') ? 'undefined' : `(${p} === 1 || ${p} === 58 ? icmpTypeCode(${p}, ${dport.expr}, ${icmpArgs.join(', ')}) : undefined)`;
    const a = src.ref?.at;
    const b = dst.ref?.at;
    let call: string;
    if (a && b) call = a.length === b.length ? `communityIdAt(buf, ${a.offset}, ${b.offset}, ${a.length}, ${p}, ${sport.expr}, ${dport.expr}, ${icmp})` : 'undefined';
    else call = `communityIdText(${src.expr}, ${dst.expr}, ${p}, ${sport.expr}, ${dport.expr}, ${icmp})`;
    const id = g.local(both === 'true' ? call : `${both} ? ${call} : undefined`);
    g.set('network.community_id', id, `${id} !== undefined`);
  }
  for (const [key, name] of [['source.mac', 'sourceMacAddress'], ['destination.mac', 'destinationMacAddress']] as const) {
    const ref = o.value(name);
    if (!ref) continue;
    const mac = g.local(`ecsMac(${ref.expr})`);
    g.set(key, mac, `${mac} !== undefined`);
  }
  const srcAs = g.first(['bgpSourceAsNumber'], 'num');
  const dstAs = g.first(['bgpDestinationAsNumber'], 'num');
  // AS 0 means "unknown" and is left out, hence a truth test rather than a presence test.
  g.set('source.as.number', srcAs.expr, srcAs.presence === 'never' ? 'false' : srcAs.expr);
  g.set('destination.as.number', dstAs.expr, dstAs.presence === 'never' ? 'false' : dstAs.expr);
  const natSrc = g.first(['postNATSourceIPv4Address', 'postNATSourceIPv6Address', 'ciscoXlateSrcAddrIPv4'], 'str');
  const natDst = g.first(['postNATDestinationIPv4Address', 'postNATDestinationIPv6Address', 'ciscoXlateDstAddrIPv4'], 'str');
  const natSport = g.first(['postNAPTSourceTransportPort', 'ciscoXlateSrcPort'], 'num');
  const natDport = g.first(['postNAPTDestinationTransportPort', 'ciscoXlateDstPort'], 'num');
  g.set('source.nat.ip', natSrc.expr, defined(natSrc));
  g.set('destination.nat.ip', natDst.expr, defined(natDst));
  g.set('source.nat.port', natSport.expr, defined(natSport));
  g.set('destination.nat.port', natDport.expr, defined(natDport));

  const srcBytes = g.first(['octetDeltaCount', 'initiatorOctets', 'octetTotalCount'], 'num');
  const srcPackets = g.first(['packetDeltaCount', 'initiatorPackets', 'packetTotalCount'], 'num');
  const dstBytes = g.first(['reverseOctetDeltaCount', 'responderOctets', 'reverseOctetTotalCount'], 'num');
  const dstPackets = g.first(['reversePacketDeltaCount', 'responderPackets', 'reversePacketTotalCount'], 'num');
  g.set('source.bytes', srcBytes.expr, defined(srcBytes));
  g.set('source.packets', srcPackets.expr, defined(srcPackets));
  g.set('destination.bytes', dstBytes.expr, defined(dstBytes));
  g.set('destination.packets', dstPackets.expr, defined(dstPackets));
  const addend = (t: Term) => (t.presence === 'always' ? t.expr : `(${t.expr} ?? 0)`);
  const sum = (x: Term, y: Term) => [x, y].filter((t) => t.presence !== 'never').map(addend).join(' + ') || '0';
  g.set('network.bytes', sum(srcBytes, dstBytes), or(defined(srcBytes), defined(dstBytes)));
  g.set('network.packets', sum(srcPackets, dstPackets), or(defined(srcPackets), defined(dstPackets)));

  const start = g.instant('Start');
  const end = g.instant('End');
  const durMs = g.first(['flowDurationMilliseconds'], 'num');
  const durUs = g.first(['flowDurationMicroseconds'], 'num');
  if (durMs.presence !== 'never' || durUs.presence !== 'never') {
    // Start without an end: the end is start plus the exported duration.
    g.lines.push(
      `if (${start.iso} !== undefined && ${end.iso} === undefined) { const dur = ${durMs.expr} ?? (${durUs.expr} ?? NaN) / 1000; ` +
        `if (Number.isFinite(dur)) { ${end.iso} = isoFromMs(${start.ms} + Math.floor(dur)); ${end.ms} = ${start.ms} + dur; } }`,
    );
  }
  g.set('event.start', start.iso, `${start.iso} !== undefined`);
  g.set('event.end', end.iso, `${end.iso} !== undefined`);
  g.set('event.duration', `Math.round((${end.ms} - ${start.ms}) * 1_000_000)`, `${start.iso} !== undefined && ${end.iso} !== undefined && ${end.ms} >= ${start.ms}`);

  const vlan = g.first(['vlanId', 'dot1qVlanId'], 'num');
  const ingress = g.first(['ingressInterface'], 'num');
  const egress = g.first(['egressInterface'], 'num');
  const direction = g.first(['flowDirection'], 'num');
  const user = g.first(['userName', 'ciscoUsername'], 'str');
  g.set('network.vlan.id', `String(${vlan.expr})`, defined(vlan));
  g.set('observer.ingress.interface.id', `String(${ingress.expr})`, defined(ingress));
  g.set('observer.egress.interface.id', `String(${egress.expr})`, defined(egress));
  g.set('network.direction', `(${direction.expr} === 0 ? 'ingress' : 'egress')`, direction.presence === 'never' ? 'false' : `${direction.expr} === 0 || ${direction.expr} === 1`);
  g.set('user.name', user.expr, defined(user));
  if (fwEvent) g.set('event.action', `${fwEvent}.action`, `${fwEvent} !== undefined`);
  const sampling = g.local('c.session.options.samplingInterval');
  g.set('netflow.sampling_interval', sampling, `${sampling} !== undefined && ${sampling} > 1`);
  return [...g.lines, g.fieldsCode()].join('\n');
}
