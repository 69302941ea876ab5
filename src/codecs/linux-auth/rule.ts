import type { AuthEvent } from './auth-event.js';

/** One table row: a pattern over the (prefix-stripped) message and how to read its groups. */
export interface AuthRule {
  re: RegExp;
  build(m: RegExpExecArray): AuthEvent | undefined;
}

export function firstMatch(rules: readonly AuthRule[], text: string): AuthEvent | undefined {
  for (const rule of rules) {
    const m = rule.re.exec(text);
    if (m) {
      const ev = rule.build(m);
      if (ev) return ev;
    }
  }
  return undefined;
}
