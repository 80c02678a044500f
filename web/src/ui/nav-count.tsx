/** A count beside a menu item (items to review, requests to decide): nothing when none; `waiting` is what screen readers hear after it. */
export function NavCount({ count, max, waiting }: { count: number; max: number; waiting: string }) {
  if (count === 0) return null;
  return (
    <>
      <span className="nav-count" aria-hidden="true">
        {count > max ? `${max}+` : count}
      </span>
      <span className="visually-hidden">
        , {count} {waiting}
      </span>
    </>
  );
}
