import { expect } from 'vitest';
import { isRrcuError } from '../../src/core/errors.ts';

/** Awaits `p` and expects it to fail with the RrcuError `code` (and, given `text`, a message matching it). */
export async function rejects(p: Promise<unknown>, code: string, text?: RegExp): Promise<void> {
  const e: unknown = await p.then(() => undefined, (x: unknown) => x);
  expect(isRrcuError(e, code), `expected ${code}, got ${String(e)}`).toBe(true);
  if (text) expect((e as Error).message).toMatch(text);
}
