import type { AuthEvent } from './auth-event.js';

/** One table row: a pattern over the (prefix-stripped) message and how to read its groups. */
export interface AuthRule {
  re: RegExp;
  build(m: RegExpExecArray): AuthEvent | undefined;
  /**
   * A cheap test every text this rule (and the rules around it sharing the same gate) can match
   * passes. Tested once per run of rules with the same gate: a message no rule of a table can
   * match then costs one regex test instead of one match attempt per rule.
   */
  gate?: RegExp;
}

export function firstMatch(rules: readonly AuthRule[], text: string): AuthEvent | undefined {
  let gate: RegExp | undefined;
  let open = true;
  for (const rule of rules) {
    if (rule.gate !== undefined) {
      if (rule.gate !== gate) {
        gate = rule.gate;
        open = gate.test(text);
      }
      if (!open) continue;
    }
    const m = rule.re.exec(text);
    if (m) {
      const ev = rule.build(m);
      if (ev) return ev;
    }
  }
  return undefined;
}
