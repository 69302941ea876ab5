export { IdentityStore, IdentityError, isRole, DEFAULT_SESSION_POLICY, type User, type SessionPolicy } from './identity-store.js';
export { IdentityAuthenticator, SESSION_COOKIE } from './identity-authenticator.js';
export { hashPassword, verifyPassword, passwordProblem, SCRYPT_PARAMS, MIN_PASSWORD_LENGTH } from './password-hash.js';
export { csrfTokenFor } from './secret-token.js';
