import fc from 'fast-check';
import { expect, test } from 'vitest';
import { safeReturnTo } from './oidc.ts';

// Paths built from the characters that change how a URL is read: separators, dots, escapes, controls.
const tricky = fc.constantFrom('/', '\\', '.', '..', '%2e', '%2F', '%', '?', '#', ':', '@', ';', 'a', 'é', ' ', '\t', '\n', '\u0000', '\u007f', '\u3002', 'evil.example');
const returnTo = fc.tuple(fc.constantFrom('', '/', '//', '/./', '/../', '/a/../', 'https:'), fc.array(tricky, { maxLength: 12 })).map(([head, parts]) => head + parts.join(''));

test('safeReturnTo is a fixed point: cleaning a cleaned path changes nothing', () => {
  // Regression: `/a/..//evil.example` came out as `//evil.example`, which a second pass (and a browser) reads as another site.
  fc.assert(
    fc.property(returnTo, (value) => {
      const once = safeReturnTo(value);
      expect(safeReturnTo(once)).toBe(once);
    }),
    { numRuns: 5000 },
  );
});

test('whatever it is given, safeReturnTo answers a path that a browser resolves on RRCU itself', () => {
  fc.assert(
    fc.property(returnTo, (value) => {
      const path = safeReturnTo(value);
      expect(path.startsWith('/') && !path.startsWith('//') && !path.includes('\\')).toBe(true);
      expect(new URL(path, 'https://rrcu.example/somewhere/deep').origin).toBe('https://rrcu.example');
    }),
    { numRuns: 5000 },
  );
});

test.each([
  ['/syncs/12?tab=diff#added', '/syncs/12?tab=diff#added'],
  ['/a/..//evil.example', '/'],
  ['/.//evil.example', '/'],
  ['/%2e%2e//evil.example', '/'],
  ['/a/../b', '/b'],
  [undefined, '/'],
])('safeReturnTo(%j) is %j', (value, expected) => {
  expect(safeReturnTo(value)).toBe(expected);
});
