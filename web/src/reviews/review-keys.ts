/**
 * My reviews without the mouse: one key per action, none needing a modifier, none clashing (k moves up, so
 * Keep is y — "yes, keep"). The list is shown on the page, and `?` shows it again.
 */
export type ReviewKeyAction = 'next' | 'previous' | 'keep' | 'keepWithComment' | 'revoke' | 'delegate' | 'open' | 'filter' | 'help';

export const REVIEW_KEYS: readonly { keys: readonly string[]; action: ReviewKeyAction; label: string }[] = [
  { keys: ['j', 'ArrowDown'], action: 'next', label: 'Next item' },
  { keys: ['k', 'ArrowUp'], action: 'previous', label: 'Previous item' },
  { keys: ['y'], action: 'keep', label: 'Keep' },
  { keys: ['c'], action: 'keepWithComment', label: 'Keep with a comment' },
  { keys: ['r'], action: 'revoke', label: 'Revoke (type the comment, Enter submits)' },
  { keys: ['d'], action: 'delegate', label: 'Delegate to someone else' },
  { keys: ['o', 'Enter'], action: 'open', label: 'Open the item’s context' },
  { keys: ['/'], action: 'filter', label: 'Search' },
  { keys: ['?'], action: 'help', label: 'Show these keys' },
];

/** How a key is written on the page. */
export const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Enter: 'Enter' };

type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: { tagName?: string; isContentEditable?: boolean } | null };

/**
 * The action of a key press on the list, or null: typing in a field, or a press with Ctrl, Cmd or Alt (the
 * browser's shortcuts), is never an action, and neither is Enter on a button or link (it presses that).
 */
export function reviewKeyAction(e: KeyPress): ReviewKeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const tag = e.target?.tagName?.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || e.target?.isContentEditable) return null;
  if (e.key === 'Enter' && (tag === 'BUTTON' || tag === 'A')) return null;
  return REVIEW_KEYS.find((k) => k.keys.includes(e.key))?.action ?? null;
}

/** The cursor after `next`/`previous` on a list of `count`, staying inside it. */
export function moveCursor(cursor: number, action: 'next' | 'previous', count: number): number {
  if (count === 0) return 0;
  return action === 'next' ? Math.min(cursor + 1, count - 1) : Math.max(cursor - 1, 0);
}
