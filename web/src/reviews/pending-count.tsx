import { useMyPendingCount } from './queries.ts';

/** Beside "My reviews" in the nav: how many items wait for the signed-in person's decision; nothing when none. */
export function PendingReviewsCount() {
  const count = useMyPendingCount().data ?? 0;
  if (count === 0) return null;
  return (
    <>
      <span className="nav-count" aria-hidden="true">
        {count > 999 ? '999+' : count}
      </span>
      <span className="visually-hidden">, {count} to review</span>
    </>
  );
}
