import { AsOfPicker } from '../access/access-as-of.tsx';
import { GroupByField, groupByIn } from '../access/access-group-by.tsx';
import { AccessSummary, AccessTable } from '../access/access-table.tsx';
import { useMe } from '../auth/session.tsx';
import { setQuery, useLocation } from '../router.ts';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { beforeHistory, formatDate, validAt } from '../ui/when.ts';
import { useMyAccess } from './queries.ts';
import '../ui/pages.css';

/** What the signed-in person holds in AWS, now or at a moment in the past: the person of the inventory with their email. */
export function MyAccessPage() {
  const me = useMe();
  const { query } = useLocation();
  const at = validAt(query.get('at'));
  const groupBy = groupByIn(query);
  const access = useMyAccess(at);

  return (
    <div className="page my-access-page">
      <PageHeader title="My access" subtitle="What you can reach in AWS, directly or through your groups, as RRCU last synced it." />
      <div className="toolbar">
        <AsOfPicker at={at} onChange={(iso) => setQuery({ at: iso })} />
        <GroupByField value={groupBy} />
      </div>

      {access.isPending ? (
        <Loading label="Loading your access…" />
      ) : access.isError ? (
        <ErrorBox error={access.error} />
      ) : access.data.person === null ? (
        <Empty title="RRCU does not know you in AWS">
          {me.user.email ? (
            <p>
              No synced person has the email <strong>{me.user.email}</strong>. If you have AWS access under another email, ask a Connector Administrator; if
              your access is new, it shows after the next sync.
            </p>
          ) : (
            <p>Your sign-in carries no email address, and RRCU finds your AWS identities by email. Ask your administrator to sign you in with an account that has one.</p>
          )}
        </Empty>
      ) : access.data.items.length === 0 && at && beforeHistory(at, access.data.firstSyncAt) ? (
        <Empty title="Before RRCU’s history starts">
          <p>
            History starts at the first sync{access.data.firstSyncAt ? <>, on <strong>{formatDate(access.data.firstSyncAt)}</strong></> : ', and no sync has succeeded yet'}: RRCU does not
            know what you held before it.
          </p>
        </Empty>
      ) : access.data.items.length === 0 ? (
        <Empty title={at ? `You held no access on ${formatDate(at)}` : 'You hold no access in AWS'}>
          <p>
            RRCU knows you as {access.data.person.displayName}
            {access.data.person.email ? ` (${access.data.person.email})` : ''}, but {at ? 'nothing was' : 'nothing is'} granted to you or your groups.
          </p>
        </Empty>
      ) : (
        <section aria-label="Your access">
          <p>
            You are <strong>{access.data.person.displayName}</strong>
            {access.data.person.email ? ` (${access.data.person.email})` : ''}. Access as of {formatDate(access.data.at)}:
          </p>
          <AccessSummary totals={access.data.totals} />
          <AccessTable rows={access.data.items} groupBy={groupBy} caption="Your access" firstSyncAt={access.data.firstSyncAt} />
        </section>
      )}
    </div>
  );
}
