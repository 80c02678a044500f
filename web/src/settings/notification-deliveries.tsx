import { useState } from 'react';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Field } from '../ui/form.tsx';
import { NextPageFooter } from '../ui/next-page-footer.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { useDeliveries, useRetryDelivery, type ChannelView, type DeliveryView } from './notification-queries.ts';

const STATUSES = ['pending', 'digest', 'sending', 'sent', 'failed', 'uncertain', 'skipped'] as const;
const RETRYABLE: ReadonlySet<string> = new Set(['failed', 'uncertain']);

const recipient = (d: DeliveryView) => (typeof d.address.email === 'string' ? d.address.email : 'The channel');

/**
 * The delivery log, newest first: what went where, its status and attempts, why one failed (the
 * receiver's answer), and Retry for a failed or uncertain one.
 */
export function DeliveryLog({ channels }: { channels: readonly ChannelView[] }) {
  const [status, setStatus] = useState('');
  const [channelId, setChannelId] = useState('');
  const deliveries = useDeliveries({ ...(status ? { status } : {}), ...(channelId ? { channelId } : {}) });
  const retry = useRetryDelivery();
  const rows = deliveries.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="panel">
      <h2 id="delivery-log-heading">Delivery log</h2>
      <div className="inline-form" role="search" aria-label="Filter the delivery log">
        <Field label="Status">
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Channel">
          <select value={channelId} onChange={(e) => setChannelId(e.target.value)}>
            <option value="">Any</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" className="button secondary" onClick={() => void deliveries.refetch()}>
          Refresh
        </button>
      </div>
      {retry.isError && <ErrorBox error={retry.error} />}
      {deliveries.isPending ? (
        <Loading label="Loading deliveries…" />
      ) : deliveries.isError ? (
        <ErrorBox error={deliveries.error} />
      ) : rows.length === 0 ? (
        <Empty title="No deliveries">
          <p>Messages sent on the channels show here, with why any failed.</p>
        </Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="data" aria-labelledby="delivery-log-heading">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Channel</th>
                  <th scope="col">To</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Reason</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.id}>
                    <td className="nowrap">
                      {formatDate(d.createdAt)}
                      {d.sentAt && <span className="cell-sub">sent {formatDate(d.sentAt)}</span>}
                    </td>
                    <td className="nowrap">{d.channelName}</td>
                    <td>{recipient(d)}</td>
                    <td className="mono">{d.kind}</td>
                    <td>
                      <StatusBadge status={d.status} />
                      {d.status === 'pending' && d.nextAttemptAt && <span className="cell-sub">next {formatDate(d.nextAttemptAt)}</span>}
                    </td>
                    <td>{d.attempts}</td>
                    <td>{d.lastError ? `${d.lastCode ? `${d.lastCode}: ` : ''}${d.lastError}` : ''}</td>
                    <td className="actions">
                      {d.digestId && <span className="cell-sub">with its digest</span>}
                      {RETRYABLE.has(d.status) && !d.digestId && (
                        <button type="button" className="button small secondary" disabled={retry.isPending} onClick={() => retry.mutate(d.id)}>
                          Retry
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <NextPageFooter pages={deliveries} more="Older deliveries" loading="Loading…">
            {rows.length} deliveries shown
          </NextPageFooter>
        </>
      )}
    </div>
  );
}
