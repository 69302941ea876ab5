/**
 * Rendered Windows event XML (`<Event><System>…</System><EventData>…`) → the evtx_dump JSON
 * shape the engine matches on. Used for rule tests that embed a sample event as XML (Hayabusa's
 * `sample-evtx`) and for `.xml` evidence exports. Conventions follow evtx_dump: attributes under
 * `#attributes`, text with attributes under `#text`, `<Data Name="X">` as key X, unnamed `<Data>`
 * as `Data` (a list when repeated), empty elements as null. Text stays text (XML has no types).
 *
 * A small, bounded XML reader: no DTDs, no external entities, depth and size capped.
 */

export class EventXmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const MAX_XML_BYTES = 8 * 1024 * 1024;
const MAX_DEPTH = 64;

function decodeEntities(s: string, offset: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);?/g, (m, e: string) => {
    if (!m.endsWith(';')) throw new EventXmlError(`unterminated entity ${m}`, offset);
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!(code >= 0 && code <= 0x10ffff)) throw new EventXmlError(`invalid character reference ${m}`, offset);
      return String.fromCodePoint(code);
    }
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e]!;
  });
}

export function parseXml(xml: string): XmlElement {
  if (xml.length > MAX_XML_BYTES) throw new EventXmlError(`XML larger than ${MAX_XML_BYTES} bytes`, 0);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < xml.length) {
    let lt = xml.indexOf('<', i);
    // Event Viewer renders message text unescaped ("Uptime < 325"): a '<' that cannot start
    // markup is text.
    while (lt >= 0 && !/[A-Za-z_/!?]/.test(xml[lt + 1] ?? '')) lt = xml.indexOf('<', lt + 1);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      if (stack.length > 0) stack[stack.length - 1].text += decodeEntities(text, i);
      else if (text.trim() !== '') throw new EventXmlError('text outside the root element', i);
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new EventXmlError('unterminated comment', lt);
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw new EventXmlError('unterminated CDATA section', lt);
      if (stack.length > 0) stack[stack.length - 1].text += xml.slice(lt + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new EventXmlError('unterminated processing instruction', lt);
      i = end + 2;
    } else if (xml.startsWith('<!', lt)) {
      throw new EventXmlError('DTDs and declarations are not accepted', lt);
    } else if (xml[lt + 1] === '/') {
      const end = xml.indexOf('>', lt);
      if (end < 0) throw new EventXmlError('unterminated end tag', lt);
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new EventXmlError(`end tag </${name}> does not match <${open?.name ?? ''}>`, lt);
      i = end + 1;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(xml.slice(lt, lt + 65536));
      if (!m) throw new EventXmlError('malformed start tag', lt);
      const attrs: Record<string, string> = {};
      for (const a of m[2].matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = decodeEntities(a[2] ?? a[3] ?? '', lt);
      const el: XmlElement = { name: m[1], attrs, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1].children.push(el);
      else if (root) throw new EventXmlError('more than one root element', lt);
      else root = el;
      if (m[3] !== '/') {
        stack.push(el);
        if (stack.length > MAX_DEPTH) throw new EventXmlError(`elements nested deeper than ${MAX_DEPTH}`, lt);
      }
      i = lt + m[0].length;
    }
  }
  if (stack.length > 0) throw new EventXmlError(`unclosed element <${stack[stack.length - 1].name}>`, xml.length);
  if (!root) throw new EventXmlError('no element found', 0);
  return root;
}

function localName(n: string): string {
  const i = n.indexOf(':');
  return i < 0 ? n : n.slice(i + 1);
}

/** Generic element → value, as evtx_dump renders it. */
function elementValue(el: XmlElement): unknown {
  const hasAttrs = Object.keys(el.attrs).filter((k) => !k.startsWith('xmlns')).length > 0 || (el.name === 'Event' && Object.keys(el.attrs).length > 0);
  const text = el.children.length === 0 ? el.text : '';
  let body: unknown;
  if (el.children.length > 0) {
    const o: Record<string, unknown> = {};
    const repeated = new Set<string>();
    for (const c of el.children) {
      const k = localName(c.name);
      const v = elementValue(c);
      if (repeated.has(k)) (o[k] as unknown[]).push(v);
      else if (k in o) {
        o[k] = [o[k], v];
        repeated.add(k);
      } else o[k] = v;
    }
    body = o;
  } else body = text === '' ? null : text;
  if (!hasAttrs) return body;
  const out: Record<string, unknown> = { '#attributes': { ...el.attrs } };
  if (body !== null && typeof body === 'object') Object.assign(out, body);
  else if (body !== null) out['#text'] = body;
  return out;
}

function eventDataValue(el: XmlElement): unknown {
  const out: Record<string, unknown> = {};
  const unnamed: string[] = [];
  for (const c of el.children) {
    const name = localName(c.name);
    if (name === 'Data') {
      if (c.attrs.Name !== undefined) out[c.attrs.Name] = c.text;
      else unnamed.push(c.text);
    } else out[name] = elementValue(c);
  }
  if (unnamed.length === 1) out.Data = unnamed[0];
  else if (unnamed.length > 1) out.Data = { '#text': unnamed };
  return Object.keys(out).length === 0 ? null : out;
}

/** One `<Event>` element (with its namespace) → `{Event: {System, EventData | UserData}}`. */
export function eventXmlToJson(xml: string): Record<string, unknown> {
  const root = parseXml(xml.replace(/^\uFEFF/, ''));
  if (localName(root.name) !== 'Event') throw new EventXmlError(`expected <Event>, found <${root.name}>`, 0);
  const event: Record<string, unknown> = {};
  if (Object.keys(root.attrs).length > 0) event['#attributes'] = { ...root.attrs };
  for (const c of root.children) {
    const name = localName(c.name);
    event[name] = name === 'EventData' ? eventDataValue(c) : elementValue(c);
  }
  return { Event: event };
}
