/**
 * The filter part of a query → one SQL predicate. Boolean structure maps one to one; NOT
 * keeps events where the negated test is unknown (the field is absent), as Lucene does.
 *
 * Free text (a term without a field) searches the event's own words: the `message` column
 * and the text of the `native` record — the original the source sent, which every other
 * normalized value was derived from. It is one pass over two text columns, matched
 * case-insensitively as a substring; inside `native` the needle is matched as JSON writes it
 * (a `\` in the needle is `\\` there), so Windows paths and quotes are found too.
 */
import type { FilterNode, TextNode, ValuePart } from './ast.js';
import { compileTerm, type TermContext } from './predicates.js';
import { and, not, or } from './sql/builder.js';
import { ident, TRUE, type SqlFragment } from './sql/fragment.js';
import { textPattern } from './text-match.js';

export type FilterContext = TermContext;

export function compileFilter(node: FilterNode, ctx: FilterContext): SqlFragment {
  switch (node.type) {
    case 'and':
      return and(...node.children.map((c) => compileFilter(c, ctx)));
    case 'or':
      return or(...node.children.map((c) => compileFilter(c, ctx)));
    case 'not':
      return not(compileFilter(node.child, ctx));
    case 'term':
      return compileTerm(node, ctx);
    case 'text':
      return freeText(node);
  }
}

/** The text columns free text searches, in the order they are tested. */
export const FREE_TEXT_COLUMNS = ['message', 'native'] as const;

function freeText(node: TextNode): SqlFragment {
  const parts: ValuePart[] = node.quoted ? [{ kind: 'literal', text: node.text }] : node.parts;
  if (parts.every((p) => p.kind === 'any')) return TRUE;
  const anywhere = (ps: ValuePart[]): ValuePart[] => [{ kind: 'any' }, ...trimAny(ps), { kind: 'any' }];
  const asJson: ValuePart[] = parts.map((p) => (p.kind === 'literal' ? { kind: 'literal', text: JSON.stringify(p.text).slice(1, -1) } : p));
  return or(textPattern(ident('message'), anywhere(parts)), textPattern(ident('native'), anywhere(asJson)));
}

function trimAny(parts: ValuePart[]): ValuePart[] {
  let start = 0;
  let end = parts.length;
  while (start < end && parts[start].kind === 'any') start++;
  while (end > start && parts[end - 1].kind === 'any') end--;
  return parts.slice(start, end);
}
