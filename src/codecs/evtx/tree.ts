/**
 * The document model a record's BinXML turns into: elements with attributes and child
 * nodes. Template definitions use the same model with `Placeholder` nodes where the
 * substitution values go; instantiation replaces them (template.ts).
 */
import type { BinValue } from './values.js';

export const K_ELEMENT = 0;
export const K_TEXT = 1;
export const K_VALUE = 2;
export const K_ENTITY = 3;
export const K_CHARREF = 4;
export const K_CDATA = 5;
export const K_PI = 6;
export const K_PLACEHOLDER = 7;

export interface XmlElement {
  kind: typeof K_ELEMENT;
  name: string;
  attrs: XmlAttr[];
  children: XmlNode[];
}

export interface XmlAttr {
  name: string;
  /** Text-like nodes only (no elements). */
  value: XmlNode[];
}

export interface TextNode {
  kind: typeof K_TEXT;
  text: string;
}

/** A typed value in the document; the decoded value itself is the node. */
export type ValueNode = BinValue;

export interface EntityRefNode {
  kind: typeof K_ENTITY;
  name: string;
}

export interface CharRefNode {
  kind: typeof K_CHARREF;
  code: number;
}

export interface CDataNode {
  kind: typeof K_CDATA;
  text: string;
}

export interface PiNode {
  kind: typeof K_PI;
  target: string;
  data: string | undefined;
}

export interface PlaceholderNode {
  kind: typeof K_PLACEHOLDER;
  index: number;
  /** Declared value type (informational: the instance's descriptor decides the real type). */
  type: number;
  /** Optional substitution (token 0x0e): left out when its value is empty. */
  optional: boolean;
}

/**
 * A template definition's root standing for one instance: its placeholders resolve against
 * `scope`, the instance's values (BinXML values that are themselves instances become nested
 * ScopedElements). Renderers use it to skip building a tree per record (instance-view.ts).
 */
export interface ScopedElement extends XmlElement {
  scope: Array<BinValue | ScopedElement>;
}

export type XmlNode = XmlElement | TextNode | ValueNode | EntityRefNode | CharRefNode | CDataNode | PiNode | PlaceholderNode;

export function element(name: string): XmlElement {
  return { kind: K_ELEMENT, name, attrs: [], children: [] };
}

export function hasElementChild(el: XmlElement): boolean {
  const c = el.children;
  for (let i = 0; i < c.length; i++) if (c[i].kind === K_ELEMENT) return true;
  return false;
}

/** The five entities XML predefines; others are kept as references. */
export const PREDEFINED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
