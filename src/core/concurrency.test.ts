import { expect, test } from 'vitest';
import { mapConcurrent } from './concurrency.ts';

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
