import { expect, test } from 'vitest';
import { moveCursor, REVIEW_KEYS, reviewKeyAction } from '../../web/src/reviews/review-keys.ts';

const press = (key: string, target: { tagName?: string; isContentEditable?: boolean } | null = { tagName: 'BODY' }, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  reviewKeyAction({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods, target });

test('j/k and the arrows move, y keeps, r revokes, d delegates, / searches, ? helps', () => {
  expect([press('j'), press('ArrowDown'), press('k'), press('ArrowUp')]).toEqual(['next', 'next', 'previous', 'previous']);
  expect([press('y'), press('c'), press('r'), press('d'), press('o'), press('/'), press('?')]).toEqual(['keep', 'keepWithComment', 'revoke', 'delegate', 'open', 'filter', 'help']);
  expect(press('x')).toBeNull();
});

test('no key is bound to two actions', () => {
  const keys = REVIEW_KEYS.flatMap((k) => k.keys);
  expect(new Set(keys).size).toBe(keys.length);
});

test('typing in a field, a browser shortcut, or Enter on a button is never a review action', () => {
  expect(press('y', { tagName: 'TEXTAREA' })).toBeNull();
  expect(press('r', { tagName: 'input' })).toBeNull();
  expect(press('j', { tagName: 'SELECT' })).toBeNull();
  expect(press('k', { tagName: 'DIV', isContentEditable: true })).toBeNull();
  expect(press('r', { tagName: 'BODY' }, { ctrlKey: true })).toBeNull();
  expect(press('y', { tagName: 'BODY' }, { metaKey: true })).toBeNull();
  expect(press('Enter', { tagName: 'BUTTON' })).toBeNull();
  expect(press('Enter', { tagName: 'TR' })).toBe('open');
});

test('the cursor stays inside the list', () => {
  expect(moveCursor(0, 'previous', 3)).toBe(0);
  expect(moveCursor(2, 'next', 3)).toBe(2);
  expect(moveCursor(1, 'next', 3)).toBe(2);
  expect(moveCursor(5, 'next', 0)).toBe(0);
});
