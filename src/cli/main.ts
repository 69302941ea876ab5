#!/usr/bin/env node
/**
 * The `vigil` entry point: the only place that reads the environment, installs signal
 * handlers and exits the process.
 */
import { COMMANDS } from './commands/index.js';
import { UsageError, type Command, type CliIo } from './command.js';
import { ConfigError } from '../core/errors.js';
import { VERSION } from './version.js';

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const candidates = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of candidates) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `vigil ${VERSION}: security telemetry platform`,
    '',
    'usage: vigil COMMAND [options]   (vigil COMMAND --help for details)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${overview()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`vigil: unknown command "${argv.join(' ')}"\n\n${overview()}\n`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: string) => {
    signals++;
    if (signals > 1) {
      process.stderr.write(`vigil: second ${sig}, exiting without waiting\n`);
      process.exit(130);
    }
    controller.abort();
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`vigil ${command.name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`vigil ${command.name}: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`vigil ${command.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    // Unexpected errors: the stack trace on request, for bug reports.
    if (process.env.VIGIL_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

// A reader that went away (`vigil search … | head`, a supervisor closing our pipe) must not
// turn a clean shutdown into a crash: stop writing, keep working, exit normally.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`vigil: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
