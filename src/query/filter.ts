/**
 * The filter part of a query → one SQL predicate. Boolean structure maps one to one; NOT
 * keeps events where the negated test is unknown (the field is absent), as Lucene does.
 * Free text is compiled in text-search.ts.
 */
import type { FilterNode } from './ast.js';
import { compileTerm, type TermContext } from './predicates.js';
import { and, not, or } from './sql/builder.js';
import type { SqlFragment } from './sql/fragment.js';
import { DEFAULT_FREE_TEXT_COLUMNS, freeText } from './text-search.js';

export interface FilterContext extends TermContext {
  /** Columns free text searches; default `message` and `process.command_line`. */
  freeTextColumns?: readonly string[];
}

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
      return freeText(node, ctx.freeTextColumns ?? DEFAULT_FREE_TEXT_COLUMNS);
  }
}
