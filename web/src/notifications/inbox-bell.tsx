import { useEffect, useRef, useState } from 'react';
import { Link } from '../ui/link.tsx';
import { InboxList } from './inbox-list.tsx';
import { useInbox } from './queries.ts';

/** The header's bell: how many notifications wait unread, and the latest in a dropdown. */
export function InboxBell() {
  const inbox = useInbox({ limit: 8 });
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  const unread = inbox.data?.unread ?? 0;
  return (
    <div className="inbox-bell" ref={box}>
      <button type="button" className="button secondary small" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)} aria-label={`Notifications: ${unread} unread`}>
        <span aria-hidden="true">🔔</span>
        {unread > 0 && <span className="inbox-count" aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div className="inbox-dropdown" role="region" aria-label="Notifications">
          {inbox.data && inbox.data.items.length > 0 ? <InboxList items={inbox.data.items} onFollow={() => setOpen(false)} /> : <p className="inbox-empty">Nothing waits for you.</p>}
          <Link href="/inbox" className="inbox-all" onClick={() => setOpen(false)}>
            All notifications
          </Link>
        </div>
      )}
    </div>
  );
}
