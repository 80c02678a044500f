import { useState } from 'react';
import { navigate } from '../router.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { DialogButtons } from '../ui/dialog-buttons.tsx';
import { ErrorBox } from '../ui/feedback.tsx';
import { Field, fieldError } from '../ui/form.tsx';
import { Modal } from '../ui/modal.tsx';
import { useExtendRequest, useRequestAction, useReviewBreakGlass } from './queries.ts';
import { formatMinutes } from './request-text.ts';
import type { RequestView } from './types.ts';

/** What a dialog acts on: a request of a list or the request's own page. */
export type RequestDialog = { kind: 'approve' | 'deny' | 'cancel' | 'revoke' | 'extend' | 'appropriate' | 'inappropriate'; request: RequestView };

/** The dialog of one action on a request; `onDone` after it succeeded (an extension goes to its new request). */
export function RequestActionDialog({ dialog, onClose }: { dialog: RequestDialog; onClose: () => void }) {
  const { kind, request } = dialog;
  if (kind === 'approve' || kind === 'deny') return <DecideDialog request={request} decision={kind} onClose={onClose} />;
  if (kind === 'appropriate' || kind === 'inappropriate') return <ReviewDialog request={request} verdict={kind} onClose={onClose} />;
  if (kind === 'cancel') return <CancelDialog request={request} onClose={onClose} />;
  if (kind === 'revoke') return <RevokeDialog request={request} onClose={onClose} />;
  return <ExtendDialog request={request} onClose={onClose} />;
}

/** Approve or deny with an optional comment (the requester reads it in their notification and on the request). */
function DecideDialog({ request, decision, onClose }: { request: RequestView; decision: 'approve' | 'deny'; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const act = useRequestAction(onClose);
  const verb = decision === 'approve' ? 'Approve' : 'Deny';
  return (
    <Modal title={`${verb} request #${request.id}`} onClose={onClose}>
      <form
        aria-label={`${verb} request #${request.id}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (!act.isPending) act.mutate({ id: request.id, verb: decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
        }}
      >
        <p>
          {request.requester.displayName} asks for <strong>{request.entitlementText}</strong> for {formatMinutes(request.durationMinutes)}
          {request.justification ? <> — “{request.justification}”</> : null}
          {request.ticket ? <> (ticket {request.ticket})</> : null}.
        </p>
        {request.duplicateWarning && <p className="warn-box">{request.duplicateWarning}</p>}
        <Field label="Comment" hint={decision === 'deny' ? 'Why not: the requester reads it' : 'Optional'} error={fieldError(act.error, 'comment')}>
          <textarea rows={3} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
        </Field>
        {act.error !== null && !fieldError(act.error, 'comment') && <ErrorBox error={act.error} />}
        <DialogButtons label={verb} busyLabel="Saving…" busy={act.isPending} tone={decision === 'deny' ? 'danger' : 'primary'} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** A break-glass request judged after the fact; inappropriate needs a comment and ends access still held. */
function ReviewDialog({ request, verdict, onClose }: { request: RequestView; verdict: 'appropriate' | 'inappropriate'; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const act = useReviewBreakGlass(onClose);
  const label = verdict === 'appropriate' ? 'Appropriate' : 'Inappropriate';
  return (
    <Modal title={`Review break-glass request #${request.id}`} onClose={onClose}>
      <form
        aria-label={`Review break-glass request #${request.id}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (!act.isPending) act.mutate({ id: request.id, verdict, ...(comment.trim() ? { comment: comment.trim() } : {}) });
        }}
      >
        <p>
          {request.requester.displayName} took <strong>{request.entitlementText}</strong> without approval
          {request.justification ? <> — “{request.justification}”</> : null}.
        </p>
        {verdict === 'inappropriate' && <p className="warn-box">Access still held ends now, and the Connector Administrators are told.</p>}
        <Field label="Comment" hint={verdict === 'inappropriate' ? 'Required: what was wrong' : 'Optional'} error={fieldError(act.error, 'comment')}>
          <textarea rows={3} value={comment} maxLength={2000} required={verdict === 'inappropriate'} onChange={(e) => setComment(e.target.value)} />
        </Field>
        {act.error !== null && !fieldError(act.error, 'comment') && <ErrorBox error={act.error} />}
        <DialogButtons label={label} busyLabel="Saving…" busy={act.isPending} tone={verdict === 'inappropriate' ? 'danger' : 'primary'} onCancel={onClose} />
      </form>
    </Modal>
  );
}

function CancelDialog({ request, onClose }: { request: RequestView; onClose: () => void }) {
  const act = useRequestAction(onClose);
  return (
    <ConfirmDialog
      title={`Cancel request #${request.id}?`}
      confirm="Cancel the request"
      busyLabel="Cancelling…"
      busy={act.isPending}
      error={act.error}
      onConfirm={() => act.mutate({ id: request.id, verb: 'cancel' })}
      onClose={onClose}
    >
      <p>Nobody will be asked to decide it any more. You can ask again later.</p>
    </ConfirmDialog>
  );
}

/** End the access now: removed in AWS unless something else grants it, which the request then names. */
function RevokeDialog({ request, onClose }: { request: RequestView; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const act = useRequestAction(onClose);
  return (
    <ConfirmDialog
      title={`End request #${request.id} now?`}
      confirm="End the access now"
      busyLabel="Ending…"
      busy={act.isPending}
      error={act.error}
      onConfirm={() => act.mutate({ id: request.id, verb: 'revoke', ...(reason.trim() ? { reason: reason.trim() } : {}) })}
      onClose={onClose}
    >
      <p>
        {request.entitlementText} is removed in AWS now, unless something else grants it (a group, standing access, another request): then it stays, and the
        request says why.
      </p>
      <Field label="Reason" hint="Optional">
        <textarea rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </ConfirmDialog>
  );
}

/** More time: a new request linked to this one, approved like a new one and capped by the policy; opens the new request. */
function ExtendDialog({ request, onClose }: { request: RequestView; onClose: () => void }) {
  const [hours, setHours] = useState('1');
  const [justification, setJustification] = useState('');
  const extend = useExtendRequest((out) => navigate(`/requests/${out.request.id}`));
  const minutes = Math.round(Number(hours) * 60);
  const ready = Number.isFinite(minutes) && minutes >= 5;
  return (
    <Modal title={`Extend request #${request.id}`} onClose={onClose}>
      <form
        aria-label={`Extend request #${request.id}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !extend.isPending) extend.mutate({ id: request.id, minutes, ...(justification.trim() ? { justification: justification.trim() } : {}) });
        }}
      >
        <p>An extension is a new request for more time on {request.entitlementText}: it is approved like a new one and never goes past the policy’s maximum.</p>
        <Field label="More time (hours)" error={fieldError(extend.error, 'minutes')} hint={ready ? formatMinutes(minutes) : 'At least 5 minutes'}>
          <input type="number" min={0.1} step={0.25} value={hours} onChange={(e) => setHours(e.target.value)} />
        </Field>
        <Field label="Justification" error={fieldError(extend.error, 'justification')}>
          <textarea rows={2} value={justification} maxLength={2000} onChange={(e) => setJustification(e.target.value)} />
        </Field>
        {extend.error !== null && !fieldError(extend.error, 'minutes') && !fieldError(extend.error, 'justification') && <ErrorBox error={extend.error} />}
        <DialogButtons label="Ask for more time" busyLabel="Asking…" busy={extend.isPending} ready={ready} onCancel={onClose} />
      </form>
    </Modal>
  );
}
