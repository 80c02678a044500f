import { describe, expect, test } from 'vitest';
import { createGate } from './gate.ts';

describe('createGate', () => {
  test('lets `limit` holders in and the next one in as soon as a slot is released, in arrival order', async () => {
    const gate = createGate(2);
    const first = await gate.enter();
    const second = await gate.enter();
    const order: string[] = [];
    const third = gate.enter().then((release) => (order.push('third'), release));
    const fourth = gate.enter().then((release) => (order.push('fourth'), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    first(); // a second release of the same slot frees nothing more
    await third;
    expect(order).toEqual(['third']);
    second();
    (await fourth)();
    expect(order).toEqual(['third', 'fourth']);
  });

  test('a waiter whose task is abandoned leaves the queue without taking a slot', async () => {
    const gate = createGate(1);
    const held = await gate.enter();
    const abandon = new AbortController();
    const abandoned = gate.enter(abandon.signal);
    const next = gate.enter();
    abandon.abort(new Error('stopped'));
    await expect(abandoned).rejects.toThrow('stopped');
    held();
    const release = await next;
    release();
    (await gate.enter())();
  });
});
