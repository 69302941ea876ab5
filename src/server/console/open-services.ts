/**
 * Opens the console's state on the control-plane DB and, on first start, creates the first
 * admin user from VIGIL_ADMIN_PASSWORD (the bootstrap admin token keeps working regardless).
 */
import type { ControlDb } from '../../control/control-db.js';
import { IdentityStore } from '../../control/identity/index.js';
import { AuditLog } from '../../control/audit/index.js';
import { SavedSearchStore } from './saved-search-store.js';
import { SignInLimiter } from './sign-in-limiter.js';
import type { ConsoleServices } from './services.js';

export async function openConsoleServices(db: ControlDb, bootstrap: { adminPassword?: string } = {}): Promise<ConsoleServices & { bootstrapped?: string }> {
  const identity = await IdentityStore.open(db);
  const audit = await AuditLog.open(db);
  const savedSearches = await SavedSearchStore.open(db);
  let bootstrapped: string | undefined;
  if (bootstrap.adminPassword && (await identity.countUsers()) === 0) {
    await identity.createUser('admin', 'admin', bootstrap.adminPassword);
    await audit.append({ ts: Date.now(), actor: 'system', role: null, via: 'none', action: 'BOOTSTRAP admin user', target: { name: 'admin' }, status: 201, ip: null });
    bootstrapped = 'admin';
  }
  return { identity, audit, savedSearches, signInLimiter: new SignInLimiter(), bootstrapped };
}
