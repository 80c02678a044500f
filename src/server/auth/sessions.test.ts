import { expect, test } from 'vitest';
import { sessionCookieOptions, sessionLimits } from './sessions.ts';

test('the session cookie is HttpOnly, SameSite=Lax, on the whole site, and Secure when RRCU is served on https', () => {
  expect(sessionCookieOptions({ publicUrl: 'https://rrcu.example.com' })).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
  expect(sessionCookieOptions({ publicUrl: 'http://localhost:8080' }).secure).toBe(false);
  expect(sessionCookieOptions({ publicUrl: undefined }).secure).toBe(false);
});

test('a session lives the idle hours without a request, and the absolute days from sign-in at most', () => {
  expect(sessionLimits({ sessionIdleHours: 12, sessionMaxDays: 7 })).toEqual({ idleMs: 12 * 3_600_000, maxMs: 7 * 86_400_000 });
});
