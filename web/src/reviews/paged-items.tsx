import type { ReactNode } from 'react';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { NextPageFooter } from '../ui/next-page-footer.tsx';
import { ItemDrawer } from './item-detail.tsx';
import type { useMyItems } from './queries.ts';
import type { ItemView } from './types.ts';

/**
 * A paged item list (a campaign's, or My reviews): loading, the error, nothing matching, or the rows with the
 * next-page footer and, beside them, the drawer of the item open. The rows already shown stay when a later page fails.
 */
export function PagedItems({
  items,
  loading,
  emptyTitle,
  emptyBody,
  open,
  onClose,
  children,
}: {
  items: ReturnType<typeof useMyItems>;
  loading: string;
  emptyTitle: string;
  emptyBody?: ReactNode;
  open: ItemView | null;
  onClose: () => void;
  children: (rows: ItemView[]) => ReactNode;
}) {
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  const total = items.data?.pages[0]?.total ?? 0;
  if (items.isPending) return <Loading label={loading} />;
  if (items.isError && rows.length === 0) return <ErrorBox error={items.error} />;
  if (rows.length === 0) return <Empty title={emptyTitle}>{emptyBody}</Empty>;
  return (
    <div className="items-with-drawer">
      <div>
        {children(rows)}
        <NextPageFooter pages={items} more="Show more items" loading="Loading…">
          {rows.length.toLocaleString()} of {total.toLocaleString()} items
        </NextPageFooter>
      </div>
      {open && <ItemDrawer item={open} onClose={onClose} />}
    </div>
  );
}
