import type { ReactNode } from 'react';
import { Empty, ErrorBox, Loading } from './feedback.tsx';

/** The part of a query (useQuery) a page shows: still loading, failed, or its data. */
type Answer<T> = { isPending: boolean; isError: boolean; error: unknown; data: T | undefined };

/**
 * Loading, error, empty or the data, in that order, so that every page says them the same way. `empty` decides
 * when the data counts as nothing (then `emptyTitle` and `emptyBody` show); `children` renders the rest.
 */
export function QueryView<T>({
  query,
  loading,
  empty,
  emptyTitle,
  emptyBody,
  children,
}: {
  query: Answer<T>;
  loading?: string;
  empty?: (data: T) => boolean;
  emptyTitle?: string;
  emptyBody?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={loading} />;
  if (query.isError || query.data === undefined) return <ErrorBox error={query.error} />;
  if (empty?.(query.data)) return <Empty title={emptyTitle ?? 'Nothing here'}>{emptyBody}</Empty>;
  return <>{children(query.data)}</>;
}
