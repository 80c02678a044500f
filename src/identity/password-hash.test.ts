import { expect, test } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash.ts';

test('scrypt hashes verify the password they were made from, and nothing else', async () => {
  const hash = await hashPassword('correct horse battery staple');
  expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  expect(hash).not.toBe(await hashPassword('correct horse battery staple'));
  expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
  expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
  expect(await verifyPassword('anything', DUMMY_HASH)).toBe(false);
  expect(await verifyPassword('anything', 'plain-text')).toBe(false);
  expect(await verifyPassword('anything', 'scrypt$99999999$8$1$AAAA$AAAA')).toBe(false);
  expect(await verifyPassword('anything', 'scrypt$1000$8$1$AAAA$AAAA')).toBe(false);
});
