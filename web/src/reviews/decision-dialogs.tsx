import { useState } from 'react';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { DialogButtons } from '../ui/dialog-buttons.tsx';
import { ErrorBox } from '../ui/feedback.tsx';
import { Field, fieldError } from '../ui/form.tsx';
import { Modal } from '../ui/modal.tsx';
import { PersonPicker } from './person-picker.tsx';
import { useBulkDecide, useDecide, useMyItems, type HandOver } from './queries.ts';
import type { ItemFilter, ItemView, PersonRef, ReviewDecision } from './types.ts';
import { itemName } from './items-table.tsx';

/**
 * A decision with its comment: always for Revoke (the comment goes with the revoke to the task and the
 * export), for Keep when asked or the campaign requires one. Enter submits; Shift+Enter is a new line.
 */
export function DecisionDialog({ item, decision, onClose, onDecided }: { item: ItemView; decision: ReviewDecision; onClose: () => void; onDecided: () => void }) {
  const [comment, setComment] = useState(item.comment ?? '');
  const decide = useDecide(onDecided);
  const verb = decision === 'keep' ? 'Keep' : 'Revoke';
  const ready = decision === 'keep' || comment.trim() !== '';
  const submit = () => {
    if (ready && !decide.isPending) decide.mutate({ itemId: item.id, decision, comment: comment.trim() || undefined });
  };
  return (
    <Modal title={`${verb}: ${itemName(item)}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field label="Comment" hint={decision === 'revoke' ? 'Required: why this access should go' : 'Why it stays'} error={fieldError(decide.error, 'comment')}>
          <textarea
            autoFocus
            rows={3}
            value={comment}
            maxLength={4000}
            onChange={(e) => setComment(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                submit();
              }
            }}
          />
        </Field>
        {decide.error !== null && !fieldError(decide.error, 'comment') && <ErrorBox error={decide.error} />}
        <DialogButtons label={verb} busyLabel="Saving…" busy={decide.isPending} ready={ready} tone={decision === 'revoke' ? 'danger' : 'primary'} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/**
 * One decision on every item the filter matches, confirmed by its count ("Keep 37 items?"); the server refuses if the count moved.
 * Items whose Revoke is already being carried out keep it, so the decision and its count leave them out (asked of the server).
 */
export function BulkDecisionDialog({
  campaignId,
  filter,
  count: shown,
  decision,
  onClose,
}: {
  campaignId: string;
  filter: ItemFilter;
  count: number;
  decision: ReviewDecision;
  onClose: () => void;
}) {
  const [comment, setComment] = useState('');
  const bulk = useBulkDecide(onClose);
  const decidable = useMyItems({ ...filter, campaignId, remediating: false });
  const count = decidable.data?.pages[0]?.total ?? shown;
  const verb = decision === 'keep' ? 'Keep' : 'Revoke';
  const title = `${verb} ${count.toLocaleString()} item${count === 1 ? '' : 's'}?`;
  return (
    <ConfirmDialog
      title={title}
      confirm={title.slice(0, -1)}
      busyLabel="Deciding…"
      busy={bulk.isPending}
      ready={decidable.isSuccess && count > 0 && (decision === 'keep' || comment.trim() !== '')}
      error={bulk.error}
      onConfirm={() => bulk.mutate({ campaignId, filter, decision, expectedCount: count, ...(comment.trim() ? { comment: comment.trim() } : {}) })}
      onClose={onClose}
    >
      <p>
        Every item the current filter shows in this campaign, {count.toLocaleString()} in all, will be decided <strong>{verb}</strong>. If the list has changed
        meanwhile, nothing is decided and RRCU says so.
        {shown > count && ` ${(shown - count).toLocaleString()} whose Revoke is already being carried out keep${shown - count === 1 ? 's' : ''} it and ${shown - count === 1 ? 'is' : 'are'} left out.`}
      </p>
      <Field label="Comment" hint={decision === 'revoke' ? 'Required: why this access should go' : 'Optional, unless the campaign requires one on Keep'}>
        <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} />
      </Field>
    </ConfirmDialog>
  );
}

/** Hand items to another person, with the reason: a reviewer's delegation, or an administrator's reassignment. */
export function HandOverDialog({
  title,
  verb,
  itemIds,
  busy,
  error,
  onSubmit,
  onClose,
}: {
  title: string;
  verb: string;
  itemIds: string[];
  busy: boolean;
  error: unknown;
  onSubmit: (input: HandOver) => void;
  onClose: () => void;
}) {
  const [to, setTo] = useState<PersonRef | null>(null);
  const [reason, setReason] = useState('');
  return (
    <Modal title={title} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (to && reason.trim()) onSubmit({ itemIds, toPersonId: to.id, reason: reason.trim() });
        }}
      >
        <PersonPicker label="To" value={to} onChange={setTo} error={fieldError(error, 'toPersonId')} hint="Not the person holding the access, nor anyone it came from" />
        <Field label="Reason" error={fieldError(error, 'reason')}>
          <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} required />
        </Field>
        {error !== null && !fieldError(error, 'toPersonId') && !fieldError(error, 'reason') && <ErrorBox error={error} />}
        <DialogButtons label={verb} busyLabel="Saving…" busy={busy} ready={to !== null && reason.trim() !== ''} onCancel={onClose} />
      </form>
    </Modal>
  );
}
