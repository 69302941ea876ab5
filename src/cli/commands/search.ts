import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { intOption, parseCommandArgs } from '../args.js';
import { renderRows, type RowFormat } from '../render-rows.js';
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import { SearchInputError, SearchService, type SearchResponse } from '../../search/search-service.js';

const FORMATS = ['table', 'json', 'jsonl', 'csv'];
/** Columns worth a glance in a terminal table; --format json shows every field. */
const TABLE_COLUMNS = ['@timestamp', 'source', 'event.action', 'event.outcome', 'host.name', 'user.name', 'source.ip', 'destination.ip', 'process.name', 'message'];

export const searchCommand: Command = {
  name: 'search',
  summary: 'run a query over stored events',
  usage: `vigil search QUERY [--from T] [--to T] [--limit N] [--format table|json|jsonl|csv] [--data DIR | --server URL --token T]

  QUERY        e.g. 'user.name:alice AND event.outcome:failure | stats count() by source.ip'
               (see docs/query-language.md)
  --from T     ISO-8601 or relative (-24h, -7d, now); default: all time
  --to T       same; default: now
  --limit N    rows to return (default 100)
  --explain    print the query in plain English on stderr first
  --data DIR   read the store in this data directory (default ./vigil-data, env VIGIL_DATA)
  --server URL query a running server instead (with --token, or env VIGIL_TOKEN)`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string', default: 'table' },
      explain: { type: 'boolean', default: false },
      data: { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('give a query (use "*" for everything)');
    const format = values.format ?? 'table';
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const req = { q: positionals.join(' '), from: values.from, to: values.to, limit: intOption(values.limit, 'limit', 1), explain: values.explain };
    let res: SearchResponse;
    try {
      res = values.server ? await remoteSearch(values.server, values.token ?? io.env.VIGIL_TOKEN, req) : await localSearch(resolve(io.cwd, values.data ?? io.env.VIGIL_DATA ?? 'vigil-data'), req);
    } catch (err) {
      if (err instanceof SearchInputError) {
        const col = typeof err.details.column === 'number' ? err.details.column : undefined;
        io.stderr.write(`vigil search: ${err.message}\n`);
        if (col !== undefined) io.stderr.write(`  ${req.q}\n  ${' '.repeat(Math.max(0, col - 1))}^\n`);
        return 2;
      }
      throw err;
    }
    if (res.explain) io.stderr.write(`${res.explain}\n`);
    const columns = format === 'table' && res.shape === 'rows' ? TABLE_COLUMNS.filter((c) => res.rows.some((r) => r[c] !== undefined)) : res.columns;
    io.stdout.write(renderRows(res.rows, format as RowFormat, columns));
    if (format === 'table') io.stderr.write(`${res.rows.length} row(s) in ${res.took_ms} ms\n`);
    return 0;
  },
};

async function localSearch(dataDir: string, req: Parameters<SearchService['search']>[0]): Promise<SearchResponse> {
  const store = DuckDbStore.inDataDir(dataDir);
  await store.open();
  try {
    return await new SearchService(store).search(req, Date.now());
  } finally {
    await store.close();
  }
}

async function remoteSearch(server: string, token: string | undefined, req: object): Promise<SearchResponse> {
  if (!token) throw new UsageError('--server needs --token (or env VIGIL_TOKEN)');
  const res = await fetch(new URL('/api/v1/search', server), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(req),
  });
  const body = (await res.json()) as SearchResponse & { error?: { code: string; message: string; column?: number } };
  if (res.status === 400 && body.error) throw new SearchInputError(body.error.code, body.error.message, { column: body.error.column });
  if (!res.ok) throw new Error(`server answered ${res.status}: ${body.error?.message ?? ''}`);
  return body;
}
