import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Field } from '../ui/form.tsx';
import { Modal } from '../ui/modal.tsx';
import { DialogButtons } from '../ui/dialog-buttons.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { AuditStreamStatus } from './audit-stream-status.tsx';
import { ChannelFormDialog } from './notification-channel-form.tsx';
import { DeliveryLog } from './notification-deliveries.tsx';
import { CHANNEL_KIND_LABELS, PERSONAL_KINDS, ROUTED_KINDS, useNotificationKinds, type NotificationKind } from '../notifications/kinds.ts';
import { useArchiveChannel, useChannels, useSendTest, type ChannelView, type DeliveryView } from './notification-queries.ts';

/** Where a channel's notifications go, in words: its routing, or the people's own choices. */
function routing(c: ChannelView, known: readonly NotificationKind[]): string {
  if (!ROUTED_KINDS.has(c.kind)) return 'People, as each chooses';
  const kindLabel = (kind: string) => known.find((k) => k.kind === kind)?.label ?? kind;
  const kinds = c.eventKinds.includes('*') ? 'Every kind' : c.eventKinds.map(kindLabel).join(', ');
  return c.auditStream ? `${kinds}; the audit log` : kinds;
}

/**
 * Settings → Notifications (Super Administrator): the channels RRCU sends on, each with Send test, and
 * the delivery log with its failures and Retry. No channel is set up by default.
 */
export function NotificationsSection({ selfEmail }: { selfEmail: string | null }) {
  const channels = useChannels();
  const kinds = useNotificationKinds();
  const [editing, setEditing] = useState<ChannelView | 'new' | null>(null);
  const [testing, setTesting] = useState<ChannelView | null>(null);
  const [archiving, setArchiving] = useState<ChannelView | null>(null);
  const [tested, setTested] = useState<{ channel: string; delivery: DeliveryView } | null>(null);
  const send = useSendTest((delivery) => setTested({ channel: delivery.channelName, delivery }));
  const archive = useArchiveChannel(() => setArchiving(null));

  const test = (c: ChannelView) => {
    send.reset();
    setTested(null);
    if (PERSONAL_KINDS.has(c.kind)) setTesting(c);
    else send.mutate({ id: c.id });
  };

  return (
    <section aria-labelledby="notification-channels-heading">
      <div className="panel">
        <h2 id="notification-channels-heading">Notification channels</h2>
        <p className="hint">
          Email and Slack direct messages reach people as each chooses (their profile, My notifications); a webhook or a Slack channel gets the kinds routed to it. Secrets are
          stored encrypted and never shown again.
        </p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setEditing('new')}>
            Add channel
          </button>
        </div>
        {tested && (
          <p role="status">
            Test on {tested.channel}: {tested.delivery.status}
            {tested.delivery.lastError && <> — {tested.delivery.lastError}</>}.
          </p>
        )}
        {send.isError && <ErrorBox error={send.error} />}
        {channels.isPending ? (
          <Loading label="Loading channels…" />
        ) : channels.isError ? (
          <ErrorBox error={channels.error} />
        ) : channels.data.items.length === 0 ? (
          <Empty title="No notification channels">
            <p>RRCU notifies only in its own inbox until you add one: an SMTP server, a webhook, or Slack.</p>
          </Empty>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Notification channels</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Sends</th>
                  <th scope="col">Status</th>
                  <th scope="col">Changed</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {channels.data.items.map((c) => (
                  <tr key={c.id}>
                    <td className="nowrap">
                      {c.name}
                      {c.source === 'environment' && <span className="cell-sub">From RRCU_SMTP_URL (read-only)</span>}
                    </td>
                    <td>{CHANNEL_KIND_LABELS[c.kind] ?? c.kind}</td>
                    <td>
                      {routing(c, kinds.data?.items ?? [])}
                      <AuditStreamStatus channel={c} />
                    </td>
                    <td>
                      <StatusBadge status={c.enabled ? 'active' : 'disabled'} />
                    </td>
                    <td className="nowrap">{formatDate(c.updatedAt)}</td>
                    <td className="actions">
                      <button type="button" className="button small secondary" disabled={send.isPending} onClick={() => test(c)} aria-label={`Send test on ${c.name}`}>
                        Send test
                      </button>
                      {c.source !== 'environment' && (
                        <>
                          <button type="button" className="button small secondary" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                            Edit
                          </button>
                          <button type="button" className="button small danger" onClick={() => { archive.reset(); setArchiving(c); }} aria-label={`Archive ${c.name}`}>
                            Archive
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <DeliveryLog channels={channels.data?.items ?? []} />

      {editing && <ChannelFormDialog channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {testing && (
        <TestDialog
          channel={testing}
          defaultTo={selfEmail ?? ''}
          busy={send.isPending}
          onSend={(to) => send.mutate({ id: testing.id, to }, { onSettled: () => setTesting(null) })}
          onClose={() => setTesting(null)}
        />
      )}
      {archiving && (
        <ConfirmDialog
          title="Archive channel"
          confirm="Archive channel"
          busyLabel="Archiving…"
          busy={archive.isPending}
          error={archive.error}
          onConfirm={() => archive.mutate(archiving.id)}
          onClose={() => setArchiving(null)}
        >
          <p>
            Archive <strong>{archiving.name}</strong>? Nothing more is sent on it; what it sent stays in the delivery log.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** Whom a test on an email or Slack app channel goes to (the administrator's own address, by default). */
function TestDialog({ channel, defaultTo, busy, onSend, onClose }: { channel: ChannelView; defaultTo: string; busy: boolean; onSend: (to: string) => void; onClose: () => void }) {
  const [to, setTo] = useState(defaultTo);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSend(to.trim());
  };
  return (
    <Modal title={`Send a test on ${channel.name}`} onClose={onClose}>
      <form onSubmit={submit} aria-label="Send a test">
        <Field label="Send to" hint={channel.kind === 'slack_app' ? 'The email of a Slack user of the workspace.' : 'An email address.'}>
          <input type="email" value={to} onChange={(e) => setTo(e.target.value)} required maxLength={320} />
        </Field>
        <DialogButtons label="Send test" busyLabel="Sending…" busy={busy} ready={to.trim() !== ''} onCancel={onClose} />
      </form>
    </Modal>
  );
}
