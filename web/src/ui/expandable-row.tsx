import { useState, type ReactNode } from 'react';

/** Which rows of a list are open. The page keeps it, so that a row stays open while the list refreshes or is filtered. */
export function useOpenRows<K>(initial: K[] = []): [Set<K>, (key: K) => void] {
  const [open, setOpen] = useState<Set<K>>(() => new Set(initial));
  const toggle = (key: K) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return [open, toggle];
}

/**
 * A table row led by a +/− button that opens `details` in a row of its own underneath (drawn only when open). `label` is the button's name
 * for screen readers; `span` is how many cells follow the button (the details row spans them).
 */
export function ExpandableRow({
  open,
  onToggle,
  label,
  detailsId,
  span,
  className,
  details,
  children,
}: {
  open: boolean;
  onToggle: () => void;
  label: string;
  detailsId: string;
  span: number;
  className?: string | undefined;
  details: () => ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <tr className={className}>
        <td>
          <button type="button" className="expand" aria-expanded={open} aria-controls={detailsId} aria-label={label} onClick={onToggle}>
            {open ? '−' : '+'}
          </button>
        </td>
        {children}
      </tr>
      {open && (
        <tr className="detail-row" id={detailsId}>
          <td />
          <td colSpan={span}>{details()}</td>
        </tr>
      )}
    </>
  );
}
