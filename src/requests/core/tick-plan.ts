import { EXPIRING_NOTICE_MINUTES, type RequestStatus } from './lifecycle.ts';

/**
 * What the tick does with each request it found due, so that work of one kind is done for many requests
 * at once (service.ts, `tick`): hundreds ending at the same minute are settled a batch to a transaction,
 * not one transaction each on the embedded store's one connection.
 */

/** A request's fields that say what time has made due. */
export type DueFields = { status: RequestStatus; pendingUntil: Date; expiresAt: Date | null; endingAs: string | null };

/**
 * - `time_out`: pending past its deadline;
 * - `end`: active past its end, or with an end asked while it was being granted (`endingAs`);
 * - `notice`: active, its end within the notice (15 minutes);
 * - `settle`: the rest of what the tick looks at (grants to ask for or follow, revokes to ask for or follow,
 *   grants that finished after the end), done request by request;
 * - null: nothing due yet.
 * The service asks the same question again under the request's row lock, so a request that moved on since
 * the tick read it is left as it is.
 */
export type DueWork = 'time_out' | 'end' | 'notice' | 'settle';

export function dueWork(r: DueFields, at: Date): DueWork | null {
  switch (r.status) {
    case 'pending':
      return r.pendingUntil <= at ? 'time_out' : null;
    case 'active':
      if ((r.expiresAt !== null && r.expiresAt <= at) || r.endingAs !== null) return 'end';
      return r.expiresAt !== null && r.expiresAt.getTime() - EXPIRING_NOTICE_MINUTES * 60_000 <= at.getTime() ? 'notice' : null;
    default:
      return 'settle';
  }
}

/** The ids of each kind of work, in the order given. */
export function planTick<R extends DueFields & { id: number }>(rows: readonly R[], at: Date): Record<DueWork, number[]> {
  const plan: Record<DueWork, number[]> = { time_out: [], end: [], notice: [], settle: [] };
  for (const r of rows) {
    const work = dueWork(r, at);
    if (work) plan[work].push(r.id);
  }
  return plan;
}

/** `items` cut into runs of at most `size`, in order. */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
