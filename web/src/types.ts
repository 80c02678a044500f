/**
 * API response shapes shared by several pages, named for the pages. None is written by hand: each is
 * taken from api-types.gen.ts, which is generated from the server's OpenAPI document
 * (`npm run generate:api-types`), so a change to a route's schema shows up here as a type error.
 */
import type { operations } from './api-types.gen.ts';

/** The JSON body of an operation's answer (by its `operationId`) with HTTP status `S`. */
export type ApiAnswer<Op extends keyof operations, S extends number = 200> = operations[Op]['responses'] extends Record<S, { content: { 'application/json': infer T } }> ? T : never;

/** The JSON body an operation takes. */
export type ApiBody<Op extends keyof operations> = operations[Op] extends { requestBody: { content: { 'application/json': infer T } } } ? T : never;

export type Me = ApiAnswer<'getMe'>;

export type Role = Me['user']['role'];

export type AuthMethods = ApiAnswer<'getAuthMethods'>;

export type AccessRecord = ApiAnswer<'listAccess'>['items'][number];

export type TaskView = ApiAnswer<'getTask'>;

export type TaskStatus = TaskView['status'];

export type SyncRunView = ApiAnswer<'getSync'>;

/** Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout. */
export type RetryCounts = SyncRunView['apiCalls']['retries'];

export type ConnectorView = ApiAnswer<'getConnector'>;

export type ConnectorStatus = ConnectorView['status'];
