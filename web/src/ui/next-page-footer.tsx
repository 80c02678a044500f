import type { ReactNode } from 'react';
import { ErrorBox } from './feedback.tsx';

/** The part of an infinite query (useInfiniteQuery) that asks for the next page and says how that went. */
type Pages = { hasNextPage: boolean; isFetchingNextPage: boolean; isFetchNextPageError: boolean; error: unknown; fetchNextPage: () => Promise<unknown> };

/**
 * Under a paged table: how much is shown (`children`), a button for the next page while there is one, and the error
 * when that page failed, which leaves the rows already shown in place.
 */
export function NextPageFooter({ pages, more, loading, children }: { pages: Pages; more: string; loading: string; children: ReactNode }) {
  return (
    <>
      <div className="table-footer">
        <span>{children}</span>
        {pages.hasNextPage && (
          <button type="button" className="button secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {pages.isFetchingNextPage ? loading : more}
          </button>
        )}
      </div>
      {pages.isFetchNextPageError && <ErrorBox error={pages.error} />}
    </>
  );
}
