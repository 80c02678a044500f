/**
 * The cache keys of reviews: every answer is under `all`, which any decision, delegation, reassignment or
 * stage change invalidates (a decision moves the campaign's progress and the nav's pending count alike).
 */
export const reviewKeys = {
  all: ['reviews'] as const,
  campaigns: (status: string | undefined) => ['reviews', 'campaigns', status ?? null] as const,
  campaign: (id: string) => ['reviews', 'campaign', id] as const,
  items: (campaignId: string, filter: Record<string, unknown>, offset: number) => ['reviews', 'items', campaignId, filter, offset] as const,
  statistics: (campaignId: string) => ['reviews', 'statistics', campaignId] as const,
  mine: (filter: Record<string, unknown>, offset: number) => ['reviews', 'mine', filter, offset] as const,
  pendingCount: () => ['reviews', 'mine', 'pending-count'] as const,
  item: (id: string) => ['reviews', 'item', id] as const,
  holderAccess: (itemId: string) => ['reviews', 'item', itemId, 'holder-access'] as const,
  preview: (input: unknown) => ['reviews', 'preview', input] as const,
  people: (text: string) => ['people', 'search', text] as const,
  person: (id: string) => ['people', 'by-id', id] as const,
};
