/**
 * Sigma string values: literal text, `*` and `?` wildcards, placeholders (after `expand`) and
 * character classes (after `windash`). Escaping follows the specification: `\*`, `\?` and `\\`
 * are escapes; a backslash before any other character (or at the end) is a plain backslash.
 */

export type StrPart =
  | { k: 'lit'; s: string }
  | { k: 'star' }
  | { k: 'one' }
  | { k: 'ph'; name: string }
  /** One character out of a set (windash: `-`, `/`, en dash, em dash, horizontal bar). */
  | { k: 'class'; chars: string[] };

export interface SigmaString {
  parts: StrPart[];
}

const SPECIAL = /[*?\\]/;

export function parseSigmaString(raw: string): SigmaString {
  if (!SPECIAL.test(raw)) return { parts: raw ? [{ k: 'lit', s: raw }] : [] };
  const parts: StrPart[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit) parts.push({ k: 'lit', s: lit });
    lit = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        lit += next;
        i++;
      } else lit += '\\';
    } else if (c === '*') {
      flush();
      parts.push({ k: 'star' });
    } else if (c === '?') {
      flush();
      parts.push({ k: 'one' });
    } else lit += c;
  }
  flush();
  return { parts };
}

/** A string with no special parts (for values that were never Sigma-unescaped, e.g. encoded). */
export function plainString(s: string): SigmaString {
  return { parts: s ? [{ k: 'lit', s }] : [] };
}

export function hasSpecial(s: SigmaString): boolean {
  return s.parts.some((p) => p.k !== 'lit');
}

export function hasPlaceholder(s: SigmaString): boolean {
  return s.parts.some((p) => p.k === 'ph');
}

export function plainText(s: SigmaString): string {
  return s.parts.map((p) => (p.k === 'lit' ? p.s : '')).join('');
}

export function startsWithStar(s: SigmaString): boolean {
  return s.parts[0]?.k === 'star';
}

export function endsWithStar(s: SigmaString): boolean {
  return s.parts[s.parts.length - 1]?.k === 'star';
}

export function withParts(parts: StrPart[]): SigmaString {
  // Merge adjacent literals and collapse runs of `*` so matchers see a canonical form.
  const out: StrPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.k === 'lit') {
      if (!p.s) continue;
      if (last?.k === 'lit') out[out.length - 1] = { k: 'lit', s: last.s + p.s };
      else out.push(p);
    } else if (p.k === 'star' && last?.k === 'star') continue;
    else out.push(p);
  }
  return { parts: out };
}

/**
 * `expand`: `%name%` in literal text becomes a placeholder; `\%` is a plain percent sign.
 * Literal parts already had Sigma escapes applied, so the `\%` escape survives as `\` `%` here.
 */
export function insertPlaceholders(s: SigmaString): SigmaString {
  const parts: StrPart[] = [];
  for (const p of s.parts) {
    if (p.k !== 'lit') {
      parts.push(p);
      continue;
    }
    let lit = '';
    const t = p.s;
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '\\' && t[i + 1] === '%') {
        lit += '%';
        i++;
      } else if (t[i] === '%') {
        const end = t.indexOf('%', i + 1);
        const name = end > i + 1 ? t.slice(i + 1, end) : '';
        if (name && !/[\s\\]/.test(name)) {
          if (lit) parts.push({ k: 'lit', s: lit });
          lit = '';
          parts.push({ k: 'ph', name });
          i = end;
        } else lit += '%';
      } else lit += t[i];
    }
    if (lit) parts.push({ k: 'lit', s: lit });
  }
  return withParts(parts);
}

/** Render back to Sigma notation (escaping wildcards) for messages and explanations. */
export function renderSigmaString(s: SigmaString): string {
  return s.parts
    .map((p) => {
      switch (p.k) {
        case 'lit':
          return p.s.replace(/[\\*?]/g, (c) => '\\' + c);
        case 'star':
          return '*';
        case 'one':
          return '?';
        case 'ph':
          return `%${p.name}%`;
        case 'class':
          return `[${p.chars.join('')}]`;
      }
    })
    .join('');
}

/** Every concrete alternative of a string with character classes (for tests and small SQL IN lists). */
export function expandClasses(s: SigmaString, limit = 10_000): SigmaString[] | undefined {
  let out: StrPart[][] = [[]];
  for (const p of s.parts) {
    if (p.k !== 'class') {
      for (const o of out) o.push(p);
      continue;
    }
    if (out.length * p.chars.length > limit) return undefined;
    out = out.flatMap((o) => p.chars.map((c) => [...o, { k: 'lit', s: c } as StrPart]));
  }
  return out.map(withParts);
}

/** Characters Python's re.escape escapes (what pySigma's regex conversion relies on). */
const REGEX_SPECIAL = new Set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f');

/** A Sigma string as a regular expression (wildcards → `.*` / `.`), escaping `extra` too. */
export function sigmaStringToRegex(s: SigmaString, extra = ''): string {
  const esc = (ch: string): string => (REGEX_SPECIAL.has(ch) || extra.includes(ch) ? '\\' + ch : ch);
  return s.parts
    .map((p) => {
      switch (p.k) {
        case 'lit':
          return [...p.s].map(esc).join('');
        case 'star':
          return '.*';
        case 'one':
          return '.';
        case 'class':
          return '[' + p.chars.map((c) => (c === ']' || c === '\\' || c === '^' || c === '-' ? '\\' + c : c)).join('') + ']';
        case 'ph':
          return `%${p.name}%`;
      }
    })
    .join('');
}
