import { expect, test } from 'vitest';
import { mapConcurrent, mergeConcurrent } from './concurrency.ts';

test('never has more than the limit in flight and keeps input order', async () => {
  let inFlight = 0;
  let peak = 0;
  const out = await mapConcurrent([5, 1, 4, 2, 3, 0], 2, async (n) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < n; i++) await Promise.resolve();
    inFlight--;
    return n * 10;
  });
  expect(out).toEqual([50, 10, 40, 20, 30, 0]);
  expect(peak).toBe(2);
});

test('stops starting work after a failure and throws it', async () => {
  const started: number[] = [];
  await expect(
    mapConcurrent([1, 2, 3, 4, 5], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('boom');
      return n;
    }),
  ).rejects.toThrow('boom');
  expect(started).toEqual([1, 2]);
});

test('merges generators with a bound, keeping each source in order', async () => {
  let live = 0;
  let peak = 0;
  const source = (name: string, n: number) => async function* () {
    live++;
    peak = Math.max(peak, live);
    for (let i = 0; i < n; i++) {
      await new Promise((r) => setImmediate(r));
      yield `${name}${i}`;
    }
    live--;
  };
  const out: string[] = [];
  for await (const x of mergeConcurrent([source('a', 3), source('b', 2), source('c', 2)], 2)) out.push(x);
  expect(out.sort()).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'c0', 'c1']);
  expect(out.filter((x) => x.startsWith('a'))).toEqual(['a0', 'a1', 'a2']);
  expect(peak).toBe(2);
});

test('a failing source fails the merge', async () => {
  const bad = async function* () {
    yield 1;
    throw new Error('denied');
  };
  const good = async function* () {
    yield 2;
  };
  const drain = async () => {
    for await (const _ of mergeConcurrent([bad, good], 2)) void _;
  };
  await expect(drain()).rejects.toThrow('denied');
});

test('mergeConcurrent leaves no unhandled rejection when a source fails after the consumer stopped or after another source failed', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const failsLater = async function* () {
      yield 'first';
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('late failure');
    };
    // The consumer stops after one item while the source's next step is already under way.
    for await (const x of mergeConcurrent([failsLater], 2)) {
      expect(x).toBe('first');
      break;
    }
    // Two sources failing one after the other: the first failure is thrown, the second must not escape.
    const failsAfter = (ms: number) =>
      async function* (): AsyncGenerator<string, void> {
        await new Promise((resolve) => setTimeout(resolve, ms));
        if (ms >= 0) throw new Error(`failed after ${ms} ms`);
        yield 'never';
      };
    await expect(
      (async () => {
        for await (const _ of mergeConcurrent([failsAfter(1), failsAfter(5)], 2)) void _;
      })(),
    ).rejects.toThrow('failed after 1 ms');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
