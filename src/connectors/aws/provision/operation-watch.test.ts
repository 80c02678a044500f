import { describe, expect, test, vi } from 'vitest';
import { createOperationWatch, type ListInProgress } from './operation-watch.ts';

const TUNING = { firstPollMs: 20, gapMs: 5, maxMs: 40 };

/** A status listing whose answers the test gives: each call waits for `answer` with the ids still in progress. */
function scriptedListing() {
  const pending: ((ids: string[]) => void)[] = [];
  let calls = 0;
  const list: ListInProgress = () => {
    calls++;
    return new Promise((resolve) => pending.push((ids) => resolve(new Set(ids))));
  };
  const next = async () => {
    while (pending.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  };
  return {
    list,
    calls: () => calls,
    /** Waits for the next listing to be asked for, then answers it. */
    async answer(ids: string[]) {
      await next();
      pending.shift()!(ids);
    },
    /** Waits until a listing has been asked for (without answering it). */
    asked: next,
  };
}

const settled = async <T,>(p: Promise<T>) => {
  let done = false;
  void p.then(() => (done = true), () => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 5));
  return done;
};

describe('createOperationWatch', () => {
  test('one listing answers every operation waiting, those still in progress wait for the next', async () => {
    const listing = scriptedListing();
    const watch = createOperationWatch(listing.list, TUNING);
    const ended = ['a', 'b', 'c', 'd'].map((id) => watch.ended(id));
    await listing.answer(['c', 'd']);
    await Promise.all(ended.slice(0, 2));
    expect(await settled(ended[2]!)).toBe(false);
    await listing.answer(['d']);
    await ended[2];
    expect(await settled(ended[3]!)).toBe(false);
    await listing.answer([]);
    await ended[3];
    expect(listing.calls()).toBe(3);
  });

  test('an operation started while a listing is on its way is not judged by it (the listing may predate it)', async () => {
    const listing = scriptedListing();
    const watch = createOperationWatch(listing.list, TUNING);
    const first = watch.ended('a');
    await listing.asked();
    const second = watch.ended('b');
    await listing.answer([]);
    await first;
    expect(await settled(second)).toBe(false);
    await listing.answer([]);
    await second;
  });

  test('a failed listing fails the operations it was to judge; a caller that gives up stops waiting alone', async () => {
    let calls = 0;
    const watch = createOperationWatch(async () => {
      calls++;
      if (calls === 1) throw new Error('AccessDenied');
      return new Set<string>();
    }, TUNING);
    await expect(watch.ended('a')).rejects.toThrow('AccessDenied');
    const abandon = new AbortController();
    const abandoned = watch.ended('b', abandon.signal);
    const kept = watch.ended('c');
    abandon.abort(new Error('task stopped'));
    await expect(abandoned).rejects.toThrow('task stopped');
    await kept;
  });

  test('the first look moves towards the time operations take: earlier while they are over at the first look, later while they are not', async () => {
    const fast = createOperationWatch(async () => new Set<string>(), { firstPollMs: 30, gapMs: 5, maxMs: 200 });
    for (let i = 0; i < 5; i++) await fast.ended(`op-${i}`);
    expect(fast.typicalMs()).toBeLessThan(30);

    let listings = 0;
    // Each operation is seen in progress at its first look and over at the next.
    const slow = createOperationWatch(async () => (++listings % 2 === 1 ? new Set([`op-${(listings - 1) / 2}`]) : new Set<string>()), { firstPollMs: 30, gapMs: 5, maxMs: 200 });
    for (let i = 0; i < 5; i++) await slow.ended(`op-${i}`);
    expect(slow.typicalMs()).toBeGreaterThan(30);
  });

  test('an operation its caller looked for already (its read-back missed) is listed a gap later, not a typical time later, and moves no typical time', async () => {
    vi.useFakeTimers();
    try {
      const now = 0;
      let listings = 0;
      const watch = createOperationWatch(async () => (listings++, new Set<string>()), { firstPollMs: 1000, gapMs: 5, maxMs: 2000 }, () => now);
      const looked = watch.ended('late', undefined, { lookedAlready: true });
      await vi.advanceTimersByTimeAsync(10);
      expect(listings).toBe(1);
      await looked;
      expect(watch.typicalMs()).toBe(1000);
      const fresh = watch.ended('fresh');
      await vi.advanceTimersByTimeAsync(10);
      expect(listings).toBe(1);
      await vi.advanceTimersByTimeAsync(1000);
      await fresh;
      expect(listings).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
