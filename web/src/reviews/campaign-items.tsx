import { useState } from 'react';
import { can, useMe } from '../auth/session.tsx';
import { useLocation } from '../router.ts';
import { HandOverDialog } from './decision-dialogs.tsx';
import { ItemFilters, itemFilterIn } from './item-filters.tsx';
import { ItemsTable, itemName } from './items-table.tsx';
import { PagedItems } from './paged-items.tsx';
import { useCampaignItems, useReassign } from './queries.ts';
import type { CampaignView, ItemView } from './types.ts';

/** A campaign's items with filters; an administrator reassigns an item while the campaign is active. */
export function CampaignItems({ campaign }: { campaign: CampaignView }) {
  const me = useMe();
  const { query } = useLocation();
  const filter = itemFilterIn(query);
  const items = useCampaignItems(campaign.id, filter);
  const [open, setOpen] = useState<ItemView | null>(null);
  const [reassigning, setReassigning] = useState<ItemView | null>(null);
  const reassign = useReassign(campaign.id, () => setReassigning(null));
  const mayReassign = can(me, 'operate') && campaign.status === 'active';
  return (
    <section aria-label="Items">
      <h2>Items</h2>
      <ItemFilters filter={filter} />
      <PagedItems items={items} loading="Loading items…" emptyTitle="No items match" open={open} onClose={() => setOpen(null)}>
        {(rows) => (
          <ItemsTable
            rows={rows}
            caption={`Items of ${campaign.name}`}
            showReviewer
            onOpen={(item) => setOpen(item)}
            actions={
              mayReassign
                ? (item) =>
                    item.outcome === 'pending' && (
                      <button type="button" className="button secondary small" aria-label={`Reassign ${itemName(item)}`} onClick={() => setReassigning(item)}>
                        Reassign
                      </button>
                    )
                : undefined
            }
          />
        )}
      </PagedItems>
      {reassigning && (
        <HandOverDialog
          title={`Reassign ${itemName(reassigning)}`}
          verb="Reassign"
          itemIds={[reassigning.id]}
          busy={reassign.isPending}
          error={reassign.error}
          onSubmit={(input) => reassign.mutate(input)}
          onClose={() => setReassigning(null)}
        />
      )}
    </section>
  );
}
