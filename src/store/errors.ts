import { errorCodes, RrcuError } from '../core/errors.ts';

export const STORE_ERRORS = errorCodes({
  // A database failure is the server's, never the caller's input: clients retry rather than correct.
  DATABASE_CONNECTION_LOST: 'unavailable',
  DATABASE_ERROR: 'unavailable',
  DATABASE_UNREACHABLE: 'unavailable',
  MIGRATION_FAILED: 'internal',
  DATA_DIR_UNWRITABLE: 'internal',
  DATA_DIR_UNREADABLE: 'internal',
  DATA_DIR_IN_USE: 'conflict',
  SYNC_RUN_NOT_FOUND: 'not_found',
  SYNC_RUN_NOT_RUNNING: 'conflict',
  // The store refuses every write that lands on an archived connector (live-connector.ts), so the code is its.
  CONNECTOR_ARCHIVED: 'conflict',
});

/** PostgreSQL's unique_violation, wherever the driver or Drizzle nested it in `cause`. */
export function isUniqueViolation(e: unknown): boolean {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    if ((c as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

type Failure = { message?: unknown; code?: unknown; severity?: unknown; query?: unknown; params?: unknown; cause?: unknown };

/** How much of the server's message is kept: it names the problem; what follows is rarely more than values. */
const REASON_CHARS = 300;

/**
 * A database failure as RRCU stores, audits and prints it: the server's reason (message and SQLSTATE)
 * and which statement failed (its verb and table), never the SQL text or its parameters, which for an
 * inventory write run to kilobytes of synced data. Drizzle wraps driver errors as "Failed query: <sql>
 * params: <values>" with the driver's error as `cause`; the reason is found there. Undefined when `e`
 * did not come from the database.
 */
export function databaseFailure(e: unknown, during?: string): RrcuError | undefined {
  if (e instanceof RrcuError) return undefined;
  let query: string | undefined;
  let server: Failure | undefined;
  let lost: Failure | undefined;
  for (let c = e as Failure | undefined; c && typeof c === 'object'; c = c.cause as Failure | undefined) {
    if (query === undefined && typeof c.query === 'string' && 'params' in c) query = c.query;
    if (!server && typeof c.severity === 'string' && typeof c.code === 'string') server = c;
    if (!lost && isConnectionLoss(c)) lost = c;
  }
  if (query === undefined && !server && !lost) return undefined;
  const reasonOf = server ?? lost ?? ((e as Failure).cause as Failure | undefined);
  const reason = String(reasonOf?.message ?? 'no reason given').slice(0, REASON_CHARS);
  const sqlState = server ? ` (SQLSTATE ${String(server.code)})` : '';
  const where = [during ? ` during ${during}` : '', query === undefined ? '' : `, at ${statementOf(query)}`].join('');
  if (lost) {
    return new RrcuError(STORE_ERRORS.DATABASE_CONNECTION_LOST, `The connection to the database was lost${where}: ${reason}${sqlState}.`, {
      fix: 'The server rolled back the unfinished transaction, so nothing was half-written. Look in the database server’s log for why it closed the connection (a restart, a failover, an administrator, a timeout), then try again.',
      cause: e,
    });
  }
  return new RrcuError(STORE_ERRORS.DATABASE_ERROR, `A database statement failed${where}: ${reason}${sqlState}.`, {
    fix: 'The change was rolled back. Look for this error in the database server’s log (disk space, the database user’s permissions, the server’s limits), then try again.',
    cause: e,
  });
}

// Class 08 (connection exception) and 57P01–57P03 (the server shut the session down).
const CONNECTION_LOST_STATES = /^(08...|57P0[123])$/;
// What node-postgres says once the socket is gone, and the socket errors themselves.
const CONNECTION_LOST_MESSAGES = /^(Connection terminated|Client has encountered a connection error)/;
const SOCKET_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

function isConnectionLoss(c: Failure): boolean {
  if (typeof c.code === 'string' && (SOCKET_ERRORS.has(c.code) || (typeof c.severity === 'string' && CONNECTION_LOST_STATES.test(c.code)))) return true;
  return typeof c.message === 'string' && CONNECTION_LOST_MESSAGES.test(c.message);
}

/** "insert into snapshot_items", "update sync_runs", "select from grants", "rollback": the statement without its text. */
export function statementOf(query: string): string {
  const head = query.slice(0, 2000);
  // Anywhere, not only first: a write often follows `with …` (its input), never `for update` (a lock).
  const write = /\b(insert\s+into|(?<!\bfor\s+)update|delete\s+from)\s+"?([\w.]+)"?/i.exec(head);
  if (write) return `${write[1]!.toLowerCase().replace(/\s+/, ' ')} ${write[2]}`;
  const read = /^\s*(?:select|with)\b[\s\S]*?\bfrom\s+"?([\w.]+)"?/i.exec(head);
  if (read) return `select from ${read[1]}`;
  return /^\s*(\w+)/.exec(head)?.[1]?.toLowerCase() ?? 'a statement';
}
