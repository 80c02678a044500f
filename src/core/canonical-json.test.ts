import { expect, test } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

test('sorts keys at every depth and drops undefined members', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe('{"a":{"d":[2,{"y":null,"z":1}]},"b":1}');
});

test('gives the same text for objects built in a different order', () => {
  expect(canonicalJson({ x: 1, y: 'é' })).toBe(canonicalJson({ y: 'é', x: 1 }));
});

test('writes dates as ISO-8601 and refuses non-finite numbers', () => {
  expect(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2)) })).toBe('{"at":"2026-01-02T00:00:00.000Z"}');
  expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
});
