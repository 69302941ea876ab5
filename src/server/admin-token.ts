/**
 * The admin API token: from the environment when given (main passes it in), otherwise
 * generated once and kept in the data directory (mode 0600) so restarts keep it.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateToken } from './auth.js';

export function loadOrCreateAdminToken(dataDir: string, fromEnv?: string): { token: string; created: boolean; file?: string } {
  if (fromEnv) return { token: fromEnv, created: false };
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 16) return { token, created: false, file };
  }
  mkdirSync(dataDir, { recursive: true });
  const token = generateToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, created: true, file };
}
