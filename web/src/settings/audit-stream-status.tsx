import { formatDate } from '../ui/when.ts';
import type { ChannelView } from './notification-queries.ts';

type StreamState = NonNullable<ChannelView['auditStreamState']>;

/** How far the receiver has acknowledged the audit log, in words: "Streamed up to event #N at T; K waiting". */
export function streamedUpTo(s: StreamState): string {
  const upTo = s.lastSentAt ? `Streamed up to event #${s.lastSeq} at ${formatDate(s.lastSentAt)}` : 'Nothing streamed yet';
  return `${upTo}; ${s.waiting} waiting`;
}

/**
 * An audit-streaming channel's stream under its routing: where it stands and, while the receiver fails,
 * why — in the warning style, since the receiver is missing evidence until it answers 2xx again.
 */
export function AuditStreamStatus({ channel }: { channel: ChannelView }) {
  const s = channel.auditStreamState;
  if (!s) return null;
  return (
    <>
      <span className="cell-sub">{streamedUpTo(s)}</span>
      {s.failure && (
        <div className="warn-box" role="status" aria-label={`Audit stream of ${channel.name} failing`}>
          <p>
            Not acknowledged{s.failure.failingSince ? ` since ${formatDate(s.failure.failingSince)}` : ''}
            {s.failure.failedAt && s.failure.failedAt !== s.failure.failingSince ? `; last attempt ${formatDate(s.failure.failedAt)}` : ''}: {s.failure.error}
          </p>
          <p>RRCU keeps trying; the receiver gets every waiting event, in order, once it answers 2xx.</p>
        </div>
      )}
    </>
  );
}
