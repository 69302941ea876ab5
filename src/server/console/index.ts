export type { ConsoleServices } from './services.js';
export { registerConsole } from './register-console.js';
export { installAuditHook } from './audit-hook.js';
export { csrfProblem, CSRF_HEADER } from './csrf.js';
export { SavedSearchStore } from './saved-search-store.js';
export { SignInLimiter } from './sign-in-limiter.js';
export { openConsoleServices } from './open-services.js';
