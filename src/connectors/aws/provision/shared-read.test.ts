import { describe, expect, test } from 'vitest';
import { createSharedRead } from './shared-read.ts';

describe('createSharedRead', () => {
  test('callers asking in the same turn share one read; a caller asking once it was sent gets a read of its own', async () => {
    const sent: string[] = [];
    const waiting: (() => void)[] = [];
    const release = () => waiting.splice(0).forEach((resolve) => resolve());
    const read = createSharedRead(async (key: string) => {
      sent.push(key);
      const n = sent.length;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return `${key}#${n}`;
    }, (key) => key);
    const together = [read('pair-1'), read('pair-1'), read('pair-2')];
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual(['pair-1', 'pair-2']);
    // The read of pair-1 is on its way and may predate this caller's change: it is not joined.
    const later = read('pair-1');
    release();
    expect(await Promise.all(together)).toEqual(['pair-1#1', 'pair-1#1', 'pair-2#2']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual(['pair-1', 'pair-2', 'pair-1']);
    release();
    expect(await later).toBe('pair-1#3');
  });

  test('a caller that gives up stops waiting alone; the others get the answer', async () => {
    const read = createSharedRead(async (key: string) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return key;
    }, (key) => key);
    const abandon = new AbortController();
    const abandoned = read('pair', abandon.signal);
    const kept = read('pair');
    abandon.abort(new Error('task stopped'));
    await expect(abandoned).rejects.toThrow('task stopped');
    expect(await kept).toBe('pair');
  });
});
