import { useState } from 'react';
import { Checkbox } from '../ui/form.tsx';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { InboxList } from './inbox-list.tsx';
import { useInbox, useMarkAllRead } from './queries.ts';

/** Everything that waits for the signed-in person, with links to it. */
export function InboxPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox({ unreadOnly, limit: 200 });
  const markAll = useMarkAllRead();
  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle={inbox.data ? `${inbox.data.unread} unread` : undefined}
        actions={
          <>
            <Link href="/my-notifications" className="button secondary">
              Email and Slack preferences
            </Link>
            <button type="button" className="button secondary" disabled={!inbox.data?.unread || markAll.isPending} onClick={() => markAll.mutate()}>
              Mark all read
            </button>
          </>
        }
      />
      <Checkbox label="Unread only" checked={unreadOnly} onChange={setUnreadOnly} />
      {markAll.error && <ErrorBox error={markAll.error} />}
      {inbox.isPending ? <Loading /> : inbox.error ? <ErrorBox error={inbox.error} /> : inbox.data.items.length === 0 ? <Empty title="Nothing waits for you." /> : <InboxList items={inbox.data.items} />}
    </>
  );
}
