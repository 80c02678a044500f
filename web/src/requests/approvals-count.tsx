import { NavCount } from '../ui/nav-count.tsx';
import { useApprovalsCount } from './queries.ts';

/** Beside "Approvals" in the nav: how many requests wait for the signed-in person's decision; nothing when none. */
export function ApprovalsCount() {
  return <NavCount count={useApprovalsCount().data ?? 0} max={99} waiting="waiting for you" />;
}
