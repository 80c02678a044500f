import { useState } from 'react';
import type { AccessRecord } from '../types.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { Field, fieldError } from '../ui/form.tsx';
import { formatDate } from '../ui/when.ts';
import { entitlementLabel, resourceLabel } from './labels.ts';
import { useMarkPrivileged, useUnmarkPrivileged } from './queries.ts';

/** An entitlement as a reviewer reads it: what, on which account or resource. */
export const markedEntitlementLabel = (r: AccessRecord): string => `${entitlementLabel(r)} on ${resourceLabel(r)}`;

/** The mark behind a "marked" badge, as a tooltip and for screen readers: who, when, why. */
export const markSummary = (mark: { by: string; at: string; reason: string }): string => `Marked privileged by ${mark.by} on ${formatDate(mark.at)}: ${mark.reason}`;

function ReasonField({ error, hint, value, onChange }: { error: unknown; hint: string; value: string; onChange: (v: string) => void }) {
  return (
    <Field label="Reason" error={fieldError(error, 'reason')} hint={hint}>
      <textarea value={value} onChange={(e) => onChange(e.target.value)} rows={3} maxLength={1000} required autoFocus />
    </Field>
  );
}

/** Marks a row's entitlement privileged (POST /api/privileged-marks): every grant of it counts privileged from now on. */
export function MarkPrivilegedDialog({ record, onClose }: { record: AccessRecord; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const mark = useMarkPrivileged(onClose);
  return (
    <ConfirmDialog
      title="Mark privileged"
      confirm="Mark privileged"
      busyLabel="Marking…"
      busy={mark.isPending}
      ready={Boolean(reason.trim())}
      error={fieldError(mark.error, 'reason') ? null : mark.error}
      onConfirm={() => mark.mutate({ connectorId: record.connectorId, entitlementKey: record.entitlementKey, reason: reason.trim() })}
      onClose={onClose}
    >
      <p>
        Count <strong>{markedEntitlementLabel(record)}</strong> as privileged? Every grant of it is then privileged in the explorer, its filter, exports and
        reviews, whatever the sync finds in its policies, until someone unmarks it.
      </p>
      <ReasonField error={mark.error} value={reason} onChange={setReason} hint="Required. Reviewers read it beside the grant; the audit log records it." />
    </ConfirmDialog>
  );
}

/** Ends a mark (POST /api/privileged-marks/:id/unmark); it stays in the history with who ended it and why. */
export function UnmarkPrivilegedDialog({ markId, what, onClose }: { markId: string; what: string; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const unmark = useUnmarkPrivileged(onClose);
  return (
    <ConfirmDialog
      title="Unmark privileged"
      confirm="Unmark"
      busyLabel="Unmarking…"
      busy={unmark.isPending}
      ready={Boolean(reason.trim())}
      error={fieldError(unmark.error, 'reason') ? null : unmark.error}
      onConfirm={() => unmark.mutate({ id: markId, reason: reason.trim() })}
      onClose={onClose}
    >
      <p>
        Stop counting <strong>{what}</strong> as privileged by hand? It is then privileged only if the sync finds it so. The mark stays in the history.
      </p>
      <ReasonField error={unmark.error} value={reason} onChange={setReason} hint="Required. Kept with the mark's history and in the audit log." />
    </ConfirmDialog>
  );
}

/** A row's mark action for operators: "Mark privileged…", or "Unmark…" on a marked row; the row's entitlement completes the name read aloud. */
export function MarkActionButton({ record, onMark, onUnmark }: { record: AccessRecord; onMark: () => void; onUnmark: () => void }) {
  const what = <span className="visually-hidden"> {markedEntitlementLabel(record)}</span>;
  return record.privilegedMark ? (
    <button type="button" className="button small secondary" onClick={onUnmark}>
      Unmark…{what}
    </button>
  ) : (
    <button type="button" className="button small secondary" onClick={onMark}>
      Mark privileged…{what}
    </button>
  );
}
