import { expect, test } from 'vitest';
import { sessionCookieOptions } from './session-cookie.ts';

test('the session cookie is HttpOnly, SameSite=Lax, on the whole site, and Secure when RRCU is served on https', () => {
  expect(sessionCookieOptions({ publicUrl: 'https://rrcu.example.com' })).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
  expect(sessionCookieOptions({ publicUrl: 'http://localhost:8080' }).secure).toBe(false);
  expect(sessionCookieOptions({ publicUrl: undefined }).secure).toBe(false);
});
