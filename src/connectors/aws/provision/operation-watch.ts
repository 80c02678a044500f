/**
 * Follows every account-assignment operation a provisioner has in flight with one status listing
 * (ListAccountAssignmentCreationStatus / DeletionStatus filtered on IN_PROGRESS) instead of one
 * Describe call per operation and poll. AWS allows 15 operations in progress per instance, so the
 * listing is one page, and it tells fifteen tasks at once which of their operations have ended: per
 * operation, the polls cost a fraction of a call instead of two or three of Identity Center's 20 a second.
 *
 * The listing only says which operations are still in progress, not how the others ended (its items
 * carry no target): the caller reads the assignment back, which is the evidence it needs anyway, and
 * describes the operation only when the read-back does not show the change (to report AWS's failure
 * reason).
 */
export type OperationWatchTuning = {
  /** When an operation is first looked for: the typical completion time, learned from the operations watched. */
  firstPollMs: number;
  /** The least time between two listings; also the first wait before looking again for an operation still in progress. */
  gapMs: number;
  /** The longest wait before looking again for an operation still in progress (the waits grow by half each time). */
  maxMs: number;
};

/** The request ids AWS lists as IN_PROGRESS now (every page). */
export type ListInProgress = () => Promise<ReadonlySet<string>>;

export type OperationWatch = {
  /**
   * Resolves once a listing sent after this call no longer shows `requestId` in progress; rejects with
   * the listing's error (`signal`'s reason when the caller gives up first). `lookedAlready`: the caller
   * looked for its end itself at about the typical time (its read-back did not show it yet), so the first
   * listing is due a gap from now, and it does not move the typical time.
   */
  ended(requestId: string, signal?: AbortSignal, options?: { lookedAlready?: boolean }): Promise<void>;
  /** When operations are first looked for now, in ms after they start. */
  typicalMs(): number;
};

type Waiter = {
  requestId: string;
  registeredAt: number;
  dueAt: number;
  /** Listings that still showed the operation in progress once it was due. */
  misses: number;
  resolve: () => void;
  reject: (error: unknown) => void;
};

/**
 * The typical completion time moves by a few percent per operation: down when an operation due had
 * already ended, up when it had not. It settles where about three in four are over at the first look,
 * so the others need one more listing, and follows AWS when its pace changes.
 */
const EARLIER = 0.95;
const LATER = 1.15;
/**
 * Node's timers count whole milliseconds on a coarser clock than `performance.now()`, so a listing scheduled for
 * an operation's due time can start up to a millisecond before it by `now()`: it is still that operation's look.
 */
const TIMER_SLACK_MS = 1;

export function createOperationWatch(list: ListInProgress, tuning: OperationWatchTuning, now: () => number = () => performance.now()): OperationWatch {
  const waiters = new Set<Waiter>();
  let typical = tuning.firstPollMs;
  let lastListingAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let listing = false;

  function schedule(): void {
    if (listing) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (waiters.size === 0) return;
    const due = Math.min(...[...waiters].map((w) => w.dueAt));
    const at = Math.max(due, lastListingAt + tuning.gapMs);
    timer = setTimeout(() => void listNow(), Math.max(0, at - now()));
  }

  async function listNow(): Promise<void> {
    timer = undefined;
    listing = true;
    const sentAt = now();
    // Only operations that had started when the listing was asked for can be judged by it.
    const judged = [...waiters].filter((w) => w.registeredAt <= sentAt);
    try {
      const inProgress = await list();
      for (const w of judged) {
        if (!waiters.has(w)) continue;
        const due = w.dueAt <= sentAt + TIMER_SLACK_MS;
        const first = w.misses === 0;
        if (inProgress.has(w.requestId)) {
          if (first && sentAt - w.registeredAt + TIMER_SLACK_MS >= typical) typical = Math.min(tuning.maxMs, typical * LATER);
          if (due) w.dueAt = sentAt + Math.min(tuning.maxMs, tuning.gapMs * 1.5 ** w.misses++);
          continue;
        }
        if (first && sentAt - w.registeredAt <= typical) typical = Math.max(tuning.gapMs, typical * EARLIER);
        waiters.delete(w);
        w.resolve();
      }
    } catch (error) {
      for (const w of judged) {
        if (waiters.delete(w)) w.reject(error);
      }
    } finally {
      lastListingAt = now();
      listing = false;
      schedule();
    }
  }

  return {
    typicalMs: () => typical,
    ended(requestId, signal, options = {}) {
      signal?.throwIfAborted();
      return new Promise<void>((resolve, reject) => {
        const registeredAt = now();
        const looked = options.lookedAlready === true;
        const onAbort = () => {
          waiters.delete(w);
          reject(signal?.reason);
          schedule();
        };
        const w: Waiter = {
          requestId,
          registeredAt,
          dueAt: registeredAt + (looked ? tuning.gapMs : typical),
          misses: looked ? 1 : 0,
          resolve: () => (signal?.removeEventListener('abort', onAbort), resolve()),
          reject: (error) => (signal?.removeEventListener('abort', onAbort), reject(error)),
        };
        waiters.add(w);
        signal?.addEventListener('abort', onAbort, { once: true });
        schedule();
      });
    },
  };
}
