import { expect, test } from 'vitest';
import { isRrcuError } from './errors.ts';
import { openSecret, sealSecret } from './secret-box.ts';

const KEY = 'k'.repeat(40);

test('round-trips a secret and never stores it in clear', () => {
  const sealed = sealSecret('scim-token-123', KEY);
  expect(sealed).not.toContain('scim-token-123');
  expect(openSecret(sealed, KEY)).toBe('scim-token-123');
  // A fresh IV each time: the same secret seals differently.
  expect(sealSecret('scim-token-123', KEY)).not.toBe(sealed);
});

test('a different key or a tampered ciphertext is refused with a fix', () => {
  const sealed = sealSecret('token', KEY);
  const wrongKey = (() => {
    try {
      openSecret(sealed, 'x'.repeat(40));
    } catch (e) {
      return e;
    }
  })();
  expect(isRrcuError(wrongKey, 'SECRET_KEY_MISMATCH')).toBe(true);
  const parts = sealed.split('.');
  parts[3] = Buffer.from('other').toString('base64url');
  expect(() => openSecret(parts.join('.'), KEY)).toThrow(/cannot be decrypted/);
});
