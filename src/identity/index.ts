// Identity: who may use RRCU and as what. Users and their roles, local accounts and the local
// administrator, sessions and API tokens, with their database writes and audit events. The doors (the
// HTTP server, the CLI) and the capabilities to come (reviews, requests) use it through this file.
export { actorNames } from './actor-names.ts';
export { actorsIn, nameActorsIn } from './actor-text.ts';
export { createApiToken, listApiTokens, revokeApiToken, TOKEN_PREFIX, useApiToken, tokenViewSchema, type TokenOwnership, type TokenView } from './api-tokens.ts';
export { IDENTITY_ERRORS } from './errors.ts';
export { ensureLocalAdmin, resetLocalAdminPassword } from './local-admin.ts';
export { oidcConfigured } from './local-subjects.ts';
export { changeLocalPassword, createLocalUser, localUserIdByName, newLocalUserSchema, resetLocalUserPassword, verifyLocalPassword } from './local-users.ts';
export { APP_ROLES, lowerRole, ROLE_LABELS, ROLE_ORDER, type AppRole } from './roles.ts';
export { sameSecret, sha256Hex } from './secrets.ts';
export { createIdentityService, type IdentityService, type IdentityServiceDeps } from './service.ts';
export { createSession, revokeSession, revokeUserSessions, sessionLimits, useSession } from './sessions.ts';
export { recordFailedSignIn, signOut, signOutEverywhere, startLocalSession, startOidcSession, type OidcIdentity, type SignInMeta } from './sign-in.ts';
export { listUsers, revokeSessionsOfUser, toUserView, updateUser, userViewSchema, type UserView } from './users.ts';
