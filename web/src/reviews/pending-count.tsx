import { NavCount } from '../ui/nav-count.tsx';
import { useMyPendingCount } from './queries.ts';

/** Beside "My reviews" in the nav: how many items wait for the signed-in person's decision; nothing when none. */
export function PendingReviewsCount() {
  return <NavCount count={useMyPendingCount().data ?? 0} max={999} waiting="to review" />;
}
