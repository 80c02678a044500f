import { Link } from '../ui/link.tsx';
import { formatTime } from '../ui/when.ts';
import { useMarkRead, type InboxItem } from './queries.ts';

/** Notifications, each a link to where it leads; following one marks it read. */
export function InboxList({ items, onFollow }: { items: InboxItem[]; onFollow?: () => void }) {
  const markRead = useMarkRead();
  return (
    <ul className="inbox-list">
      {items.map((item) => {
        const follow = () => {
          if (!item.readAt) markRead.mutate(item.id);
          onFollow?.();
        };
        const title = item.link ? (
          <Link href={item.link} onClick={follow}>
            {item.title}
          </Link>
        ) : (
          item.title
        );
        return (
          <li key={item.id} className={item.readAt ? 'inbox-item' : 'inbox-item unread'}>
            <div className="inbox-title">
              {!item.readAt && <span className="visually-hidden">Unread: </span>}
              {title}
            </div>
            {item.body && <div className="inbox-body">{item.body}</div>}
            <div className="inbox-meta">
              <time dateTime={item.createdAt}>{formatTime(item.createdAt)}</time>
              {!item.readAt && (
                <button type="button" className="link-button" onClick={() => markRead.mutate(item.id)}>
                  Mark read
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
