import type { Config } from '../config/index.ts';
import { bindDb, type Db } from '../store/index.ts';
import { actorNames } from './actor-names.ts';
import { createApiToken, listApiTokens, revokeApiToken, useApiToken } from './api-tokens.ts';
import { ensureLocalAdmin, resetLocalAdminPassword } from './local-admin.ts';
import { changeLocalPassword, createLocalUser, localUserIdByName, resetLocalUserPassword, verifyLocalPassword, type NewLocalUser } from './local-users.ts';
import { sessionLimits, useSession } from './sessions.ts';
import { recordFailedSignIn, signOut, signOutEverywhere, startLocalSession, startOidcSession, type OidcIdentity, type SignInMeta } from './sign-in.ts';
import { findUser, listUsers, revokeSessionsOfUser, updateUser, usersWithEmail } from './users.ts';

export type IdentityServiceDeps = {
  db: Db;
  /** Whether an IdP is configured (local accounts are off then), session lifetimes, and the roles the configuration gives. */
  config: Pick<Config, 'oidcIssuer' | 'sessionIdleHours' | 'sessionMaxDays' | 'superAdmins' | 'connectorAdmins' | 'auditors'>;
};

type AppUser = Parameters<typeof changeLocalPassword>[1];

/**
 * Identity as the doors use it: users and roles, local accounts and the local administrator, sessions,
 * API tokens and sign-in's writes, each on the app's store and settings. The rules stay in the functions
 * it wraps.
 */
export function createIdentityService({ db, config }: IdentityServiceDeps) {
  return {
    listUsers: bindDb(db, listUsers),
    findUser: bindDb(db, findUser),
    usersWithEmail: bindDb(db, usersWithEmail),
    updateUser: bindDb(db, updateUser),
    revokeSessionsOfUser: bindDb(db, revokeSessionsOfUser),
    /** Who each actor of the audit log or a task is, in words. */
    actorNames: bindDb(db, actorNames),
    createLocalUser: (input: NewLocalUser, ctx: { actor: string }) => createLocalUser(db, config, input, ctx),
    resetLocalUserPassword: (userId: string, ctx: { actor: string; userId: string | null }) => resetLocalUserPassword(db, config, userId, ctx),
    localUserIdByName: bindDb(db, localUserIdByName),
    ensureLocalAdmin: bindDb(db, ensureLocalAdmin),
    resetLocalAdminPassword: bindDb(db, resetLocalAdminPassword),
    verifyLocalPassword: bindDb(db, verifyLocalPassword),
    changeLocalPassword: bindDb(db, changeLocalPassword),
    startLocalSession: (user: AppUser, meta: SignInMeta) => startLocalSession(db, config, user, meta),
    startOidcSession: (identity: OidcIdentity, meta: SignInMeta) => startOidcSession(db, config, identity, meta),
    recordFailedSignIn: bindDb(db, recordFailedSignIn),
    signOut: bindDb(db, signOut),
    signOutEverywhere: bindDb(db, signOutEverywhere),
    /** The live session a browser's cookie names, within this RRCU's session limits. */
    useSession: (cookieValue: string) => useSession(db, cookieValue, sessionLimits(config)),
    /** The token a request carries and the role it acts with now. */
    useApiToken: (token: string) => useApiToken(db, token, config),
    createApiToken: bindDb(db, createApiToken),
    listApiTokens: bindDb(db, listApiTokens),
    revokeApiToken: bindDb(db, revokeApiToken),
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
