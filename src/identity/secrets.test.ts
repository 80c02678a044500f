import { expect, test } from 'vitest';
import { sameSecret } from './secrets.ts';

test.each<[string | string[] | undefined, string | null, boolean]>([
  ['abc', 'abc', true],
  ['abd', 'abc', false],
  ['ab', 'abc', false],
  ['abcd', 'abc', false],
  [undefined, 'abc', false],
  [['abc', 'abc'], 'abc', false],
  ['', '', true],
  ['abc', null, false],
])('sameSecret(%j, %j) is %s, without throwing on unequal lengths', (sent, expected, same) => {
  expect(sameSecret(sent, expected)).toBe(same);
});
