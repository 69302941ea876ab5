/** Starts a real Vigil server in-process on an ephemeral loopback port, with its own data dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseConfig } from '../config/load.js';
import { createLogger } from '../runtime/logger.js';
import { VigilServer } from '../runtime/vigil-server.js';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export interface TestServer {
  url: string;
  dataDir: string;
  server: VigilServer;
  logs: string[];
  request(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export async function startTestServer(yamlConfig = '', options: { keepData?: boolean; dataDir?: string } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vigil-test-'));
  // The bundled GeoIP database is 134 MB; servers of tests that do not ask for enrichment skip it.
  const yaml = /^enrich:/m.test(yamlConfig) ? yamlConfig : `${yamlConfig}\nenrich:\n  geoip:\n    use_bundled_city_db: false\n`;
  const config = parseConfig(yaml, 'test.yaml', { data_dir: dataDir, http_address: '127.0.0.1:0' });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const server = new VigilServer({ config, logger: createLogger('info', sink), adminToken: TEST_TOKEN, version: 'test' });
  await server.start();
  const url = server.url;
  return {
    url,
    dataDir,
    server,
    logs,
    request: (path, init = {}) =>
      fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(init.headers as Record<string, string>) } }),
    stop: async () => {
      await server.stop(Date.now() + 10_000);
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
