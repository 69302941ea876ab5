/**
 * XML rendering in the layout `evtx_dump` prints and the upstream snapshots pin: two-space
 * indentation, an element without content written as an open tag and a close tag on the
 * next line (except `<Binary></Binary>`), text and values escaped, entity and character
 * references kept as written.
 */
import { valueText } from './value-format.js';
import { K_CDATA, K_CHARREF, K_ELEMENT, K_ENTITY, K_PI, K_TEXT, K_VALUE } from './tree.js';
import type { XmlElement, XmlNode } from './tree.js';
import { isEmptyValue } from './values.js';

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

function escapeText(s: string): string {
  if (!/[&<>]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(s: string): string {
  if (!/[&<>"']/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** True when an attribute's value renders as nothing; such attributes are left out. */
function attributeIsEmpty(nodes: XmlNode[]): boolean {
  for (const n of nodes) {
    if (n.kind === K_TEXT && n.text.length > 0) return false;
    if (n.kind === K_VALUE && !isEmptyValue(n)) return false;
    if (n.kind === K_ENTITY || n.kind === K_CHARREF || n.kind === K_CDATA) return false;
  }
  return true;
}

function renderNode(n: XmlNode, inAttribute: boolean): string {
  const escape = inAttribute ? escapeAttribute : escapeText;
  switch (n.kind) {
    case K_TEXT:
      return escape(n.text);
    case K_VALUE:
      return escape(valueText(n));
    case K_ENTITY:
      return `&${n.name};`;
    case K_CHARREF:
      return `&#${n.code};`;
    case K_CDATA:
      return inAttribute ? escape(n.text) : `<![CDATA[${n.text}]]>`;
    case K_PI:
      return inAttribute ? '' : n.data === undefined ? `<?${n.target}?>` : `<?${n.target} ${n.data}?>`;
    default:
      return '';
  }
}

function renderNodes(nodes: XmlNode[], inAttribute: boolean): string {
  let s = '';
  for (let i = 0; i < nodes.length; i++) s += renderNode(nodes[i], inAttribute);
  return s;
}

function renderElement(el: XmlElement, indent: string, out: string[]): void {
  let open = `${indent}<${el.name}`;
  for (const a of el.attrs) {
    if (attributeIsEmpty(a.value)) continue;
    open += ` ${a.name}="${renderNodes(a.value, true)}"`;
  }
  open += '>';
  const children = el.children;
  if (children.length === 0) {
    out.push(el.name === 'Binary' ? `${open}</${el.name}>\n` : `${open}\n${indent}</${el.name}>\n`);
    return;
  }
  let nested = false;
  for (let i = 0; i < children.length; i++) if (children[i].kind === K_ELEMENT) nested = true;
  if (!nested) {
    out.push(`${open}${renderNodes(children, false)}</${el.name}>\n`);
    return;
  }
  out.push(`${open}\n`);
  const inner = indent + '  ';
  for (const c of children) {
    if (c.kind === K_ELEMENT) renderElement(c, inner, out);
    else out.push(`${inner}${renderNode(c, false)}\n`);
  }
  out.push(`${indent}</${el.name}>\n`);
}

/** A record's document as XML text, with the XML declaration evtx_dump prints. */
export function renderXml(root: XmlElement): string {
  const out: string[] = [XML_DECLARATION];
  renderElement(root, '', out);
  return out.join('');
}
