import { expect, test } from 'vitest';
import { notificationInputSchema } from '../notify.ts';
import { NOTIFICATION_KINDS } from './kinds.ts';

test('the catalogue of kinds names each once, each a kind notify accepts, with words and an audience', () => {
  const kinds = NOTIFICATION_KINDS.map((k) => k.kind);
  expect(new Set(kinds).size).toBe(kinds.length);
  for (const k of NOTIFICATION_KINDS) {
    expect(notificationInputSchema.shape.kind.safeParse(k.kind).success).toBe(true);
    expect(k.label.length).toBeGreaterThan(5);
    expect(k.to.length).toBeGreaterThan(3);
  }
});
