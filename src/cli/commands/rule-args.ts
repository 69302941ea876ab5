/** Arguments shared by `vigil rules lint` and `vigil rules test`: rule paths, --format, --placeholders. */
import { resolve } from 'node:path';
import { loadPlaceholders, loadSigmaRules, type PlaceholderValues, type SigmaRuleSet } from '../../detect/sigma/index.js';
import { parseCommandArgs } from '../args.js';
import { UsageError, type CliIo } from '../command.js';

export interface RuleCommandArgs {
  format: 'text' | 'json';
  rules: SigmaRuleSet;
  /** Compile options carrying the --placeholders values, if any. */
  compile: { placeholders?: PlaceholderValues };
}

export function parseRuleCommandArgs(argv: string[], io: CliIo): RuleCommandArgs {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string', default: 'text' },
    placeholders: { type: 'string', multiple: true },
  });
  if (positionals.length === 0) throw new UsageError('give at least one rule file or folder');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format must be text or json');
  let placeholders: PlaceholderValues | undefined;
  try {
    placeholders = values.placeholders ? loadPlaceholders(values.placeholders.map((p) => resolve(io.cwd, p))) : undefined;
  } catch (err) {
    throw new UsageError(`--placeholders: ${(err as Error).message}`);
  }
  return {
    format: values.format,
    rules: loadSigmaRules(positionals.map((p) => resolve(io.cwd, p))),
    compile: placeholders ? { placeholders } : {},
  };
}
