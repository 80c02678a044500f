/**
 * Classifies the rows that opened and closed between two syncs. An item whose old version closed and
 * new version opened in the same window changed; one only opened was added; one only closed, removed.
 */
export type Change<T> = { key: string; before?: T; after?: T };
export type Classified<T> = { added: Change<T>[]; removed: Change<T>[]; changed: Change<T>[] };

export function classifyChanges<T>(opened: ReadonlyArray<T & { key: string }>, closed: ReadonlyArray<T & { key: string }>): Classified<T> {
  const closedByKey = new Map(closed.map((row) => [row.key, row]));
  const result: Classified<T> = { added: [], removed: [], changed: [] };
  for (const row of opened) {
    const before = closedByKey.get(row.key);
    if (before) {
      result.changed.push({ key: row.key, before, after: row });
      closedByKey.delete(row.key);
    } else {
      result.added.push({ key: row.key, after: row });
    }
  }
  for (const [key, before] of closedByKey) result.removed.push({ key, before });
  return result;
}
