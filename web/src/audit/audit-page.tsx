import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMe } from '../auth/session.tsx';
import { setQuery, useLocation } from '../router.ts';
import { actorLabel } from '../ui/actor-label.ts';
import { ExpandableRow, useOpenRows } from '../ui/expandable-row.tsx';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { NextPageFooter } from '../ui/next-page-footer.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { formatDate } from '../ui/when.ts';
import { eventSummary } from './event-summary.ts';
import { TYPE_SUGGESTIONS } from './event-types.ts';
import { useAuditEvents, useVerifyChain } from './queries.ts';
import '../ui/pages.css';

/** The audit log, newest first, with filters, paging backwards, each event's data, and a check of the hash chain. */
export function AuditPage() {
  const me = useMe();
  const { query } = useLocation();
  const ids = useId();
  const filter = { type: query.get('type') || undefined, actor: query.get('actor') || undefined, subject: query.get('subject') || undefined };
  const [draft, setDraft] = useState({ type: filter.type ?? '', actor: filter.actor ?? '', subject: filter.subject ?? '' });
  const [open, toggle] = useOpenRows<number>();
  // Back and forward change the URL's filter: the form follows.
  useEffect(() => setDraft({ type: filter.type ?? '', actor: filter.actor ?? '', subject: filter.subject ?? '' }), [filter.type, filter.actor, filter.subject]);

  const events = useAuditEvents(filter);
  const verify = useVerifyChain();

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ type: draft.type.trim(), actor: draft.actor.trim(), subject: draft.subject.trim() });
  };
  const clear = () => {
    setDraft({ type: '', actor: '', subject: '' });
    setQuery({ type: undefined, actor: undefined, subject: undefined });
  };
  const filtered = Boolean(filter.type || filter.actor || filter.subject);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page audit-page">
      <PageHeader
        title="Audit log"
        subtitle="Everything RRCU changed and who asked for it, newest first. Each event carries the hash of the one before, so a removed or altered event shows."
        actions={
          <button type="button" className="button secondary" onClick={() => verify.mutate()} disabled={verify.isPending} aria-busy={verify.isPending}>
            {verify.isPending ? 'Verifying…' : 'Verify chain'}
          </button>
        }
      />

      <div className="chain-result" aria-live="polite">
        {verify.isError && <ErrorBox error={verify.error} />}
        {verify.data?.ok === true && (
          <div className="ok-box" role="status">
            <p>
              <strong>The chain holds.</strong> All {verify.data.events.toLocaleString()} events are present, each linked to the one before and unchanged since it
              was written.
            </p>
            <p className="mono break">Last hash {verify.data.lastHash}</p>
          </div>
        )}
        {verify.data?.ok === false && (
          <div className="error-box" role="alert">
            <p className="error-title">The chain is broken at event {verify.data.badSeq}.</p>
            <p>
              {verify.data.reason}. The {verify.data.events.toLocaleString()} events before it hold.
            </p>
            <p className="error-fix">
              <strong>What to do: </strong>Treat the log from event {verify.data.badSeq} on as untrustworthy: compare it with a backup of the database and find out
              who had write access to it.
            </p>
          </div>
        )}
      </div>

      <form className="toolbar" onSubmit={apply} aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor={`${ids}-type`}>Type</label>
          <input id={`${ids}-type`} list={`${ids}-types`} value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })} placeholder="e.g. provisioning" maxLength={200} />
          <datalist id={`${ids}-types`}>
            {TYPE_SUGGESTIONS.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-actor`}>Actor</label>
          <input id={`${ids}-actor`} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} placeholder="user:…, token:…, system" maxLength={300} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-subject`}>Subject</label>
          <input id={`${ids}-subject`} value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} placeholder="connector:…, provisioning_task:…" maxLength={300} />
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            Filter
          </button>
          {filtered && (
            <button type="button" className="button ghost" onClick={clear}>
              Clear filters
            </button>
          )}
        </div>
      </form>

      {events.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : !events.data ? (
        <ErrorBox error={events.error} />
      ) : items.length === 0 ? (
        filtered ? (
          <Empty title="No events match">
            <p>No event has this type, actor and subject. A type can be a family: “provisioning” matches every provisioning event.</p>
          </Empty>
        ) : (
          <Empty title="The audit log is empty">
            <p>Events appear when connectors are added, syncs run, and access is granted or revoked.</p>
          </Empty>
        )
      ) : (
        <>
          {events.isRefetchError && <ErrorBox error={events.error} />}
          <div className="table-wrap tall">
            <table className="data">
              <caption className="visually-hidden">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Data</span>
                  </th>
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">When</th>
                  <th scope="col">Type</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Subject</th>
                  <th scope="col">What</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <ExpandableRow
                    key={e.seq}
                    open={open.has(e.seq)}
                    onToggle={() => toggle(e.seq)}
                    label={`Data of event ${e.seq}`}
                    detailsId={`${ids}-ev-${e.seq}`}
                    span={6}
                    details={() => (
                      <>
                        <p className="hint mono break">Actor {e.actor}</p>
                        <pre className="json">{JSON.stringify(e.data, null, 2)}</pre>
                        <p className="hint mono break">Hash {e.hash}</p>
                      </>
                    )}
                  >
                    <td className="num">{e.seq}</td>
                    <td className="nowrap">{formatDate(e.occurredAt)}</td>
                    <td className="mono nowrap">{e.type}</td>
                    <td title={e.actor}>{actorLabel(e.actor, me.user.id, e.actorName)}</td>
                    <td>
                      <span className="mono truncate" title={e.subject ?? undefined}>
                        {e.subject ?? '—'}
                      </span>
                    </td>
                    <td className="break">{eventSummary(e)}</td>
                  </ExpandableRow>
                ))}
              </tbody>
            </table>
          </div>
          <NextPageFooter pages={events} more="Load older" loading="Loading…">
            {items.length.toLocaleString()} {items.length === 1 ? 'event' : 'events'} shown
            {events.hasNextPage ? '' : ', back to the first'}
          </NextPageFooter>
        </>
      )}
    </div>
  );
}
