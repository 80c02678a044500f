import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { seal, unseal } from './cookie-seal.ts';

test('a sealed value opens with its key only, unaltered and before it expires', async () => {
  const key = randomBytes(32);
  const sealed = seal(key, { state: 'abc', returnTo: '/connectors' }, 60_000);
  expect(sealed).not.toContain('abc');
  expect(unseal(key, sealed)).toEqual({ state: 'abc', returnTo: '/connectors' });
  expect(unseal(randomBytes(32), sealed)).toBeUndefined();
  const [iv, body, tag] = sealed.split('.');
  const flipped = Buffer.from(body!, 'base64url');
  flipped[0] = flipped[0]! ^ 1;
  expect(unseal(key, [iv, flipped.toString('base64url'), tag].join('.'))).toBeUndefined();
  expect(unseal(key, 'not.a.seal')).toBeUndefined();
  expect(unseal(key, seal(key, 'late', -1))).toBeUndefined();
});
