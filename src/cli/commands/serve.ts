import type { Command } from '../command.js';
import { parseCommandArgs } from '../args.js';
import { loadConfig } from '../../config/load.js';
import { createLogger } from '../../runtime/logger.js';
import { VigilServer } from '../../runtime/vigil-server.js';
import { loadOrCreateAdminToken } from '../../server/admin-token.js';
import { DEFAULT_SOURCES } from '../../collector/defaults.js';
import { VERSION } from '../version.js';

const SHUTDOWN_DEADLINE_MS = 30_000;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the all-in-one server: receivers, pipeline, store, detection, API',
  usage: `vigil serve [--config FILE] [--data DIR] [--http HOST:PORT]

  --config FILE   vigil.yaml to use (default: ./vigil.yaml when present; every setting has a default)
  --data DIR      data directory (default ./vigil-data, env VIGIL_DATA)
  --http ADDR     HTTP API address (default 127.0.0.1:8080, env VIGIL_HTTP)

The admin API token comes from env VIGIL_ADMIN_TOKEN; when unset, one is generated,
stored in the data directory and printed once. On first start, env VIGIL_ADMIN_PASSWORD
creates the console user "admin" (or use \`vigil users add NAME --role admin\`).
SIGINT/SIGTERM stop the server after storing everything that was accepted.`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { config: { type: 'string' }, data: { type: 'string' }, http: { type: 'string' } }, false);
    const { config, file } = loadConfig(values.config, io.cwd, {
      data_dir: values.data ?? io.env.VIGIL_DATA,
      http_address: values.http ?? io.env.VIGIL_HTTP,
    }, DEFAULT_SOURCES);
    const logger = createLogger(config.logging.level, io.stdout as NodeJS.WritableStream);
    const token = loadOrCreateAdminToken(config.data_dir, io.env.VIGIL_ADMIN_TOKEN);
    const server = new VigilServer({ config, logger, adminToken: token.token, version: VERSION, adminPassword: io.env.VIGIL_ADMIN_PASSWORD });
    await server.start();
    const lines = [
      `Vigil ${VERSION} is running`,
      `  console & API: ${server.url}`,
      `  data:          ${config.data_dir}${file ? `  (config ${file})` : ''}`,
      token.created
        ? `  admin token:   ${token.token}   (generated now, kept in ${token.file}; shown only this once)`
        : io.env.VIGIL_ADMIN_TOKEN
          ? '  admin token:   from VIGIL_ADMIN_TOKEN'
          : `  admin token:   in ${token.file}`,
      `  try:           curl -H "Authorization: Bearer <token>" ${server.url}/api/v1/health`,
      `  console users: VIGIL_ADMIN_PASSWORD on first start creates "admin"; or \`vigil users add NAME --role admin\` (docs/console.md)`,
    ];
    io.stderr.write(`${lines.join('\n')}\n`);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    io.stderr.write('stopping: flushing accepted events…\n');
    await server.stop(Date.now() + SHUTDOWN_DEADLINE_MS);
    return 0;
  },
};
