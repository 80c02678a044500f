import { useEffect, useRef, useState } from 'react';
import { can, useMe } from '../auth/session.tsx';
import { setQuery, useLocation } from '../router.ts';
import { ApiError } from '../api.ts';
import { ErrorBox } from '../ui/feedback.tsx';
import { Field } from '../ui/form.tsx';
import { Modal } from '../ui/modal.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { ByPersonView } from './by-person.tsx';
import { BulkDecisionDialog, DecisionDialog, HandOverDialog } from './decision-dialogs.tsx';
import { campaignChoices, ItemFilters, itemFilterIn } from './item-filters.tsx';
import { ItemsTable, itemName } from './items-table.tsx';
import { PagedItems } from './paged-items.tsx';
import { useCampaigns, useDecide, useDelegate, useMyItems } from './queries.ts';
import { moveCursor, reviewKeyAction } from './review-keys.ts';
import { ReviewKeysLegend } from './review-keys-legend.tsx';
import type { ItemView, ReviewDecision } from './types.ts';
import './reviews.css';

type Dialog = { kind: 'decide'; item: ItemView; decision: ReviewDecision } | { kind: 'delegate'; item: ItemView } | { kind: 'bulk'; decision: ReviewDecision } | { kind: 'help' };

/**
 * The items the signed-in person reviews, and nothing else: filters, a list the keyboard moves through and
 * decides on (the keys are on the page), bulk decisions on a campaign's filtered items, and a by-person view.
 */
export function MyReviewsPage() {
  const { query } = useLocation();
  const filter = itemFilterIn(query);
  const campaignId = query.get('campaignId') || undefined;
  const byPerson = query.get('view') === 'person';
  const items = useMyItems({ ...filter, ...(campaignId ? { campaignId } : {}) });
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  const total = items.data?.pages[0]?.total ?? 0;

  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState<ItemView | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const quickDecide = useDecide();
  const delegate = useDelegate(() => setDialog(null));
  const current = rows[Math.min(cursor, rows.length - 1)];

  const keep = (item: ItemView, withComment: boolean) => {
    if (withComment) return setDialog({ kind: 'decide', item, decision: 'keep' });
    // Keep needs no comment unless the campaign says so; the server says when it does, and the box opens.
    quickDecide.mutate(
      { itemId: item.id, decision: 'keep' },
      { onError: (e) => e instanceof ApiError && e.code === 'COMMENT_REQUIRED' && setDialog({ kind: 'decide', item, decision: 'keep' }) },
    );
  };

  // The latest state for the one document listener, which is added once.
  const state = useRef({ rows, cursor, current, dialog, byPerson, keep });
  state.current = { rows, cursor, current, dialog, byPerson, keep };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = state.current;
      if (s.dialog) return;
      const action = reviewKeyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, target: e.target as HTMLElement | null });
      if (!action) return;
      e.preventDefault();
      if (action === 'help') return setDialog({ kind: 'help' });
      if (action === 'filter') return searchRef.current?.focus();
      if (action === 'next' || action === 'previous') return setCursor(moveCursor(s.cursor, action, s.rows.length));
      const item = s.current;
      if (!item) return;
      if (action === 'open') return setOpen(item);
      if (action === 'keep' || action === 'keepWithComment') return s.keep(item, action === 'keepWithComment');
      if (action === 'revoke') return setDialog({ kind: 'decide', item, decision: 'revoke' });
      if (action === 'delegate') return setDialog({ kind: 'delegate', item });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    document.querySelector('tr.cursor')?.scrollIntoView?.({ block: 'nearest' });
  }, [cursor]);
  // The drawer follows the cursor once open.
  useEffect(() => {
    if (open && current && open.id !== current.id) setOpen(current);
  }, [current, open]);

  const rowActions = (item: ItemView, i?: number) => (
    <>
      <button type="button" className="button small" aria-label={`Keep ${itemName(item)}`} onClick={() => { if (i !== undefined) setCursor(i); keep(item, false); }}>
        Keep
      </button>
      <button type="button" className="button danger small" aria-label={`Revoke ${itemName(item)}`} onClick={() => { if (i !== undefined) setCursor(i); setDialog({ kind: 'decide', item, decision: 'revoke' }); }}>
        Revoke
      </button>
      <button type="button" className="button ghost small" aria-label={`Delegate ${itemName(item)}`} onClick={() => setDialog({ kind: 'delegate', item })}>
        Delegate
      </button>
    </>
  );

  return (
    <div className="page my-reviews-page">
      <PageHeader title="My reviews" subtitle="The access you are asked to review. Keep what is still needed; revoke what is not, saying why." />
      <ReviewKeysLegend compact />
      <div className="toolbar">
        <CampaignFilter value={campaignId} rows={rows} />
        <Field label="Arrange">
          <select value={byPerson ? 'person' : 'list'} onChange={(e) => setQuery({ view: e.target.value === 'person' ? 'person' : undefined })}>
            <option value="list">In a list</option>
            <option value="person">By person</option>
          </select>
        </Field>
      </div>
      <ItemFilters filter={filter} searchRef={searchRef} />
      {campaignId && total > 0 && (
        <div className="button-row bulk-actions">
          <button type="button" className="button secondary" onClick={() => setDialog({ kind: 'bulk', decision: 'keep' })}>
            Keep all {total.toLocaleString()} shown…
          </button>
          <button type="button" className="button danger" onClick={() => setDialog({ kind: 'bulk', decision: 'revoke' })}>
            Revoke all {total.toLocaleString()} shown…
          </button>
        </div>
      )}
      {quickDecide.error !== null && !(quickDecide.error instanceof ApiError && quickDecide.error.code === 'COMMENT_REQUIRED') && <ErrorBox error={quickDecide.error} />}
      <PagedItems
        items={items}
        loading="Loading your reviews…"
        emptyTitle="Nothing to review"
        emptyBody={<p>No item assigned to you matches. When a campaign gives you access to review, it shows here and in your notifications.</p>}
        open={open}
        onClose={() => setOpen(null)}
      >
        {(shown) =>
          byPerson ? (
            <ByPersonView rows={shown} onOpen={setOpen} actions={(item) => rowActions(item)} />
          ) : (
            <ItemsTable rows={shown} caption="Items to review" showCampaign cursor={cursor} onOpen={(item, i) => { setCursor(i); setOpen(item); }} actions={rowActions} />
          )
        }
      </PagedItems>
      {dialog?.kind === 'decide' && <DecisionDialog item={dialog.item} decision={dialog.decision} onClose={() => setDialog(null)} onDecided={() => setDialog(null)} />}
      {dialog?.kind === 'delegate' && (
        <HandOverDialog
          title={`Delegate ${itemName(dialog.item)}`}
          verb="Delegate"
          itemIds={[dialog.item.id]}
          busy={delegate.isPending}
          error={delegate.error}
          onSubmit={(input) => delegate.mutate(input)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'bulk' && campaignId && <BulkDecisionDialog campaignId={campaignId} filter={filter} count={total} decision={dialog.decision} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'help' && (
        <Modal title="Keyboard shortcuts" onClose={() => setDialog(null)}>
          <ReviewKeysLegend />
        </Modal>
      )}
    </div>
  );
}

/**
 * Which campaign's items (a bulk decision is within one campaign): the campaigns listed, by the names their items
 * carry (`campaignChoices`); a reader also gets the name of one chosen by link whose items are not listed.
 */
function CampaignFilter({ value, rows }: { value: string | undefined; rows: readonly ItemView[] }) {
  const me = useMe();
  const campaigns = useCampaigns(undefined, can(me, 'read'));
  const choices = campaignChoices(value, rows, new Map((campaigns.data?.items ?? []).map((c): [string, string] => [c.id, c.name])));
  return (
    <Field label="Campaign" hint="Choose one to decide its filtered items at once">
      <select value={value ?? ''} onChange={(e) => setQuery({ campaignId: e.target.value })}>
        <option value="">All campaigns</option>
        {choices.map(({ id, label }) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}
