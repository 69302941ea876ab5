/**
 * `vigil users add NAME --role ROLE` and `vigil users list`: console users, managed on the data
 * directory directly (the server must not be running on it: DuckDB allows one process). The
 * password comes from env VIGIL_USER_PASSWORD or the first line of stdin, never from argv,
 * where other local users could read it in the process list.
 */
import { resolve } from 'node:path';
import type { Command, CliIo } from '../command.js';
import { UsageError } from '../command.js';
import { parseCommandArgs } from '../args.js';
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import { IdentityStore, IdentityError, isRole } from '../../control/identity/index.js';
import { AuditLog } from '../../control/audit/index.js';

async function withIdentity<T>(dataDir: string, fn: (identity: IdentityStore, audit: AuditLog) => Promise<T>): Promise<T> {
  const store = DuckDbStore.inDataDir(dataDir);
  try {
    await store.open();
  } catch (err) {
    const msg = (err as Error).message;
    throw new Error(/lock/i.test(msg) ? `${msg} (stop \`vigil serve\` first, or create users in the console or with POST /api/v1/users)` : msg);
  }
  try {
    const db = await store.controlDb();
    return await fn(await IdentityStore.open(db), await AuditLog.open(db));
  } finally {
    await store.close();
  }
}

async function readPassword(io: CliIo, stdin: NodeJS.ReadableStream): Promise<string> {
  if (io.env.VIGIL_USER_PASSWORD) return io.env.VIGIL_USER_PASSWORD;
  io.stderr.write('password (first line of stdin): ');
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

export const usersAddCommand: Command = {
  name: 'users add',
  summary: 'create a console user (admin, analyst or read_only)',
  usage: `vigil users add NAME [--role admin|analyst|read_only] [--data DIR]

  --role ROLE   default analyst
  --data DIR    data directory (default ./vigil-data, env VIGIL_DATA)

The password comes from env VIGIL_USER_PASSWORD or the first line of stdin (at least 10
characters). Run it while \`vigil serve\` is stopped; with the server running, use the console or
POST /api/v1/users with the admin token.`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { role: { type: 'string', default: 'analyst' }, data: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('give exactly one user NAME');
    const role = values.role ?? 'analyst';
    if (!isRole(role)) throw new UsageError(`--role must be admin, analyst or read_only, got "${role}"`);
    const password = await readPassword(io, process.stdin);
    const dataDir = resolve(io.cwd, values.data ?? io.env.VIGIL_DATA ?? 'vigil-data');
    try {
      await withIdentity(dataDir, async (identity, audit) => {
        await identity.createUser(positionals[0], role, password);
        await audit.append({ ts: Date.now(), actor: 'cli', role: null, via: 'none', action: 'CLI users add', target: { name: positionals[0], role }, status: 201, ip: null });
      });
    } catch (err) {
      if (err instanceof IdentityError) {
        io.stderr.write(`vigil users add: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    io.stderr.write(`created user ${positionals[0]} with role ${role}\n`);
    return 0;
  },
};

export const usersListCommand: Command = {
  name: 'users list',
  summary: 'list console users and their roles',
  usage: `vigil users list [--data DIR] [--format table|json]`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { data: { type: 'string' }, format: { type: 'string', default: 'table' } }, false);
    const dataDir = resolve(io.cwd, values.data ?? io.env.VIGIL_DATA ?? 'vigil-data');
    const users = await withIdentity(dataDir, (identity) => identity.listUsers());
    if (values.format === 'json') io.stdout.write(`${JSON.stringify(users)}\n`);
    else for (const u of users) io.stdout.write(`${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}\n`);
    return 0;
  },
};
