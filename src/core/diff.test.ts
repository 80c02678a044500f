import { expect, test } from 'vitest';
import { classifyChanges } from './diff.ts';

test('an item closed and reopened in the window is changed, not removed and added', () => {
  const r = classifyChanges([{ key: 'a', v: 2 }, { key: 'b', v: 1 }], [{ key: 'a', v: 1 }, { key: 'c', v: 1 }]);
  expect(r.changed).toEqual([{ key: 'a', before: { key: 'a', v: 1 }, after: { key: 'a', v: 2 } }]);
  expect(r.added.map((c) => c.key)).toEqual(['b']);
  expect(r.removed.map((c) => c.key)).toEqual(['c']);
});

test('no rows, no changes', () => {
  expect(classifyChanges([], [])).toEqual({ added: [], removed: [], changed: [] });
});
