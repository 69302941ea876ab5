/**
 * JSON in the `evtx_dump` convention that Sigma tooling (Hayabusa, Chainsaw, Zircolite,
 * the SigmaHQ regression data) is written against:
 *   - an element with only text becomes that text (integers and booleans as JSON numbers
 *     and booleans when the text is a single typed value); with nothing, `null`;
 *   - attributes go under `#attributes` (or a sibling `<Name>_attributes` object when
 *     `separateAttributes` is set), text next to attributes or children under `#text`;
 *   - repeated child names get `_1`, `_2` … suffixes in document order;
 *   - in `EventData`/`UserData`, `<Data Name="X">v</Data>` becomes `"X": v`; unnamed `Data`
 *     elements become `"Data": {"#text": v}` or `{"#text": [v, …]}`.
 */
import { valueJson, valueText, isJsonScalarType } from './value-format.js';
import { K_CDATA, K_CHARREF, K_ELEMENT, K_ENTITY, K_PLACEHOLDER, K_TEXT, K_VALUE, PREDEFINED_ENTITIES } from './tree.js';
import type { ScopedElement, XmlAttr, XmlElement, XmlNode } from './tree.js';
import { VT, isEmptyValue } from './values.js';
import type { BinValue } from './values.js';

type Scope = Array<BinValue | ScopedElement> | undefined;

/**
 * Values of the template instance whose definition is being rendered, when a record is kept
 * as a ScopedElement (instance-view.ts) instead of a tree. Rendering is synchronous; entering
 * a scoped element switches it (`enter`) and leaving restores it, so helpers need no extra
 * parameter.
 */
let scope: Scope;

function enter(el: XmlElement): Scope {
  const saved = scope;
  const own = (el as Partial<ScopedElement>).scope;
  if (own !== undefined) scope = own;
  return saved;
}

/**
 * A placeholder as the node it stands for, or undefined when it is left out (no such value,
 * an empty BinXML value, an optional substitution with an empty value): template.ts's rules.
 */
function resolve(n: XmlNode): XmlNode | undefined {
  if (n.kind !== K_PLACEHOLDER) return n;
  const v = scope?.[n.index];
  if (v === undefined) return undefined;
  if (v.kind === K_ELEMENT) return n.optional && n.type === VT.Null ? undefined : v;
  if (v.t === VT.BinXml || (n.optional && (n.type === VT.Null || isEmptyValue(v)))) return undefined;
  return v;
}

export type JsonValue = string | number | boolean | null | JsonObject | JsonValue[];
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface JsonOptions {
  /** Put attributes in a sibling `<Name>_attributes` object instead of `#attributes`. */
  separateAttributes?: boolean;
}

/**
 * Keys come from the file (element, attribute and Data names); `__proto__` must become an
 * own property like JSON.parse makes it, not change the object's prototype.
 */
function setKey(obj: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function hasText(nodes: XmlNode[]): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const n = resolve(nodes[i]);
    if (n === undefined) continue;
    switch (n.kind) {
      case K_TEXT:
      case K_CDATA:
        if (n.text.length > 0) return true;
        break;
      case K_VALUE:
        if (!isEmptyValue(n)) return true;
        break;
      case K_ENTITY:
      case K_CHARREF:
        return true;
    }
  }
  return false;
}

function textOf(nodes: XmlNode[]): string {
  let s = '';
  for (let i = 0; i < nodes.length; i++) {
    const n = resolve(nodes[i]);
    if (n === undefined) continue;
    switch (n.kind) {
      case K_TEXT:
      case K_CDATA:
        s += n.text;
        break;
      case K_VALUE:
        s += valueText(n);
        break;
      case K_ENTITY:
        s += PREDEFINED_ENTITIES[n.name] ?? `&${n.name};`;
        break;
      case K_CHARREF:
        s += String.fromCharCode(n.code);
        break;
    }
  }
  return s;
}

/** Text content as a JSON value; a lone integer/boolean value keeps its type. Elements are skipped. */
function contentValue(nodes: XmlNode[]): JsonValue {
  let single: XmlNode | undefined;
  let count = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = resolve(nodes[i]);
    if (n === undefined || n.kind === K_ELEMENT) continue;
    if ((n.kind === K_TEXT || n.kind === K_CDATA) && n.text.length === 0) continue;
    if (n.kind === K_VALUE && isEmptyValue(n)) continue;
    single = n;
    count++;
  }
  if (count === 1 && single !== undefined && single.kind === K_VALUE && isJsonScalarType(single.t)) return valueJson(single);
  return textOf(nodes);
}

function attributesObject(attrs: XmlAttr[]): JsonObject | undefined {
  let obj: JsonObject | undefined;
  for (const a of attrs) {
    if (!hasText(a.value)) continue;
    obj ??= {};
    setKey(obj, a.name, contentValue(a.value));
  }
  return obj;
}

function isDataContainer(name: string): boolean {
  return name === 'EventData' || name === 'UserData';
}

function hasElementChild(el: XmlElement): boolean {
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const n = resolve(children[i]);
    if (n !== undefined && n.kind === K_ELEMENT) return true;
  }
  return false;
}

/** The value of a `Data` element: always a string (or typed scalar), `""` when empty. */
function dataValue(el: XmlElement, opts: JsonOptions): JsonValue {
  const saved = enter(el);
  const value = hasElementChild(el) ? body(el, false, opts, false) : hasText(el.children) ? contentValue(el.children) : '';
  scope = saved;
  return value;
}

function nameAttrText(el: XmlElement): string | undefined {
  const saved = enter(el);
  let name: string | undefined;
  for (const a of el.attrs) {
    if (a.name === 'Name') {
      name = hasText(a.value) ? textOf(a.value) : undefined;
      break;
    }
  }
  scope = saved;
  return name;
}

/** An element as an object: attributes, `#text`, then children with duplicate-name suffixes. */
function body(el: XmlElement, inDataContainer: boolean, opts: JsonOptions, withAttributes: boolean): JsonObject {
  const obj: JsonObject = {};
  if (withAttributes && el.attrs.length > 0) {
    const attrs = attributesObject(el.attrs);
    if (attrs) obj['#attributes'] = attrs;
  }
  const children = el.children;
  if (hasText(children)) obj['#text'] = contentValue(children);
  if (inDataContainer) {
    dataContainerBody(obj, children, opts);
    return obj;
  }
  let seen: Map<string, number> | undefined;
  for (let i = 0; i < children.length; i++) {
    const n = resolve(children[i]);
    if (n === undefined || n.kind !== K_ELEMENT) continue;
    let key = n.name;
    if (Object.hasOwn(obj, key)) {
      // A repeated name: evtx_dump numbers the repeats in document order (Header, Header_1, …).
      seen ??= new Map();
      const count = seen.get(key) ?? 1;
      seen.set(key, count + 1);
      key = `${key}_${count}`;
    }
    put(obj, key, n, opts);
  }
  return obj;
}

/** `EventData`/`UserData`: named `Data` elements flatten to `Name: value`, unnamed ones collect under `Data.#text`. */
function dataContainerBody(obj: JsonObject, children: XmlNode[], opts: JsonOptions): void {
  const names: (string | undefined)[] = [];
  let anyNamed = false;
  let positional = 0;
  for (let i = 0; i < children.length; i++) {
    const n = resolve(children[i]);
    if (n === undefined || n.kind !== K_ELEMENT || n.name !== 'Data') continue;
    const name = nameAttrText(n);
    names.push(name);
    positional++;
    if (name !== undefined) anyNamed = true;
  }
  let seen: Map<string, number> | undefined;
  let dataIndex = 0;
  for (let i = 0; i < children.length; i++) {
    const n = resolve(children[i]);
    if (n === undefined || n.kind !== K_ELEMENT) continue;
    if (n.name === 'Data') {
      const name = names[dataIndex++];
      if (anyNamed) {
        if (name !== undefined) setKey(obj, name, dataValue(n, opts));
      } else if (dataIndex === 1) {
        const values: JsonValue[] = [];
        if (positional > 1) {
          for (const c of children) {
            const d = resolve(c);
            if (d !== undefined && d.kind === K_ELEMENT && d.name === 'Data') values.push(dataValue(d, opts));
          }
        }
        obj.Data = { '#text': positional === 1 ? dataValue(n, opts) : values };
      }
      continue;
    }
    let key = n.name;
    if (Object.hasOwn(obj, key)) {
      seen ??= new Map();
      const count = seen.get(key) ?? 1;
      seen.set(key, count + 1);
      key = `${key}_${count}`;
    }
    put(obj, key, n, opts);
  }
}

/** The JSON value of an element (text, number, null or object), attributes included unless separated. */
function elementValue(el: XmlElement, opts: JsonOptions, withAttributes: boolean): JsonValue {
  const children = el.children;
  if (!withAttributes || el.attrs.length === 0) {
    // Fast path for the common leaf shapes: `<Level>%3</Level>`, `<Channel>Security</Channel>`, `<Security/>`.
    if (children.length === 0) return null;
    if (children.length === 1) {
      const n = resolve(children[0]);
      if (n === undefined) return null;
      if (n.kind === K_VALUE) return isEmptyValue(n) ? null : isJsonScalarType(n.t) ? valueJson(n) : valueText(n);
      if (n.kind === K_TEXT) return n.text.length > 0 ? n.text : null;
    }
  }
  const nested = hasElementChild(el);
  const text = hasText(children);
  const attrs = withAttributes && el.attrs.some((a) => hasText(a.value));
  if (!nested && !text && !attrs) return null;
  if (!nested && !attrs) return contentValue(el.children);
  return body(el, isDataContainer(el.name), opts, withAttributes);
}

/** Adds element `el` to `parent` under `key`, honouring the separate-attributes layout. */
function put(parent: JsonObject, key: string, el: XmlElement, opts: JsonOptions): void {
  const saved = enter(el);
  if (!opts.separateAttributes) {
    setKey(parent, key, elementValue(el, opts, true));
  } else {
    const attrs = attributesObject(el.attrs);
    const value = elementValue(el, opts, false);
    if (attrs) {
      setKey(parent, `${key}_attributes`, attrs);
      if (value !== null) setKey(parent, key, value);
    } else {
      setKey(parent, key, value);
    }
  }
  scope = saved;
}

/**
 * A record's document as an evtx_dump-style JSON object (`{"Event": {...}}`): a tree, or a
 * ScopedElement (a template definition with an instance's values) rendered as if built.
 */
export function renderJson(root: XmlElement, opts: JsonOptions = {}): JsonObject {
  const out: JsonObject = {};
  try {
    put(out, root.name, root, opts);
  } finally {
    scope = undefined;
  }
  return out;
}
