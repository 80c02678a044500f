import { eq } from 'drizzle-orm';
import { notify, userOfActor, type NotificationInput } from '../notifications/index.ts';
import { reviewCampaigns, type Db } from '../store/index.ts';
import type { ItemView } from './service-types.ts';

type Campaign = Pick<typeof reviewCampaigns.$inferSelect, 'id' | 'name' | 'createdBy' | 'options'>;
type Recipient = NotificationInput['recipient'];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Who runs a campaign, to tell about it: the user who created it (a recurrence's copy: who created its
 * template; an API token: its creator), or the Super Administrators when that is nobody one can tell
 * (the CLI, `system`, a user since disabled).
 */
async function ownerOf(tx: Db, c: Campaign): Promise<{ recipient: Recipient; actor: string }> {
  const templateId = (c.options as { recurrenceOf?: string | null }).recurrenceOf;
  const [template] = templateId ? await tx.select({ createdBy: reviewCampaigns.createdBy }).from(reviewCampaigns).where(eq(reviewCampaigns.id, templateId)) : [];
  const actor = template?.createdBy ?? c.createdBy;
  const user = await userOfActor(tx, actor);
  return { recipient: user ? { userId: user.id } : { role: 'super_admin' }, actor };
}

/**
 * Escalation past due, in the transaction that hands the items on: each new reviewer is told what came to
 * them and why (at once: it is overdue, no digest), each reviewer the items left (so they stop looking for
 * them), and the campaign's owner how many moved (unless the owner escalated). One hand-on is one transaction, so `at` keys it.
 */
export async function notifyEscalated(tx: Db, c: Campaign, moves: readonly { from: string | null; to: string | null }[], reason: string, by: string, at: Date): Promise<void> {
  const count = (pick: (m: { from: string | null; to: string | null }) => string | null) => {
    const n = new Map<string, number>();
    for (const m of moves) { const p = pick(m); if (p) n.set(p, (n.get(p) ?? 0) + 1); }
    return n;
  };
  const base = { kind: 'review.escalated', link: `/reviews/mine?campaign=${c.id}` } as const;
  for (const [personId, n] of count((m) => m.to)) {
    await notify(tx, {
      ...base, recipient: { personId }, title: `${plural(n, 'overdue access review item')} escalated to you: ${c.name}`.slice(0, 200),
      body: `${reason}. They are yours to decide now.`, payload: { campaignId: c.id, items: n, direction: 'to' }, dedupeKey: `review.escalated:${c.id}:to:${personId}:${at.getTime()}`,
    }, at);
  }
  for (const [personId, n] of count((m) => m.from)) {
    await notify(tx, {
      ...base, recipient: { personId }, title: `${plural(n, 'of your access review item')} escalated: ${c.name}`.slice(0, 200),
      body: `${reason}, so ${n === 1 ? 'it was' : 'they were'} handed on to the campaign's fallback reviewer or an administrator: no longer yours to decide.`,
      payload: { campaignId: c.id, items: n, direction: 'from' }, dedupeKey: `review.escalated:${c.id}:from:${personId}:${at.getTime()}`,
    }, at);
  }
  const owner = await ownerOf(tx, c);
  if (owner.actor === by) return;
  await notify(tx, {
    ...base, recipient: owner.recipient, link: `/reviews/${c.id}`, title: `${plural(moves.length, 'overdue review item')} escalated: ${c.name}`.slice(0, 200),
    body: `${reason}: ${plural(moves.length, 'item')} went to the fallback reviewer or an administrator.`,
    payload: { campaignId: c.id, items: moves.length, direction: 'owner' }, dedupeKey: `review.escalated:${c.id}:owner:${at.getTime()}`,
  }, at);
}

/**
 * A campaign's close, in its transaction: the owner gets the outcome (unless they closed it themselves),
 * and each reviewer who still had undecided items hears that those were recorded Not reviewed.
 */
export async function notifyClosed(tx: Db, c: Campaign, items: readonly Pick<ItemView, 'outcome' | 'reviewer'>[], closedBy: string, at: Date): Promise<void> {
  const by = (o: string) => items.filter((i) => i.outcome === o).length;
  const summary = `${plural(items.length, 'item')}: ${by('kept')} kept, ${by('revoked')} revoked, ${by('not_reviewed')} not reviewed.`;
  const base = { kind: 'review.campaign_closed', payload: { campaignId: c.id } } as const;
  const owner = await ownerOf(tx, c);
  if (owner.actor !== closedBy) {
    await notify(tx, {
      ...base, recipient: owner.recipient, title: `Access review closed: ${c.name}`.slice(0, 200), body: summary, link: `/reviews/${c.id}`,
      payload: { campaignId: c.id, items: items.length, kept: by('kept'), revoked: by('revoked'), notReviewed: by('not_reviewed') }, dedupeKey: `review.campaign_closed:${c.id}:owner`,
    }, at);
  }
  const undecided = new Map<string, number>();
  for (const i of items) if (i.outcome === 'not_reviewed' && i.reviewer) undecided.set(i.reviewer.id, (undecided.get(i.reviewer.id) ?? 0) + 1);
  for (const [personId, n] of undecided) {
    await notify(tx, {
      ...base, recipient: { personId }, title: `Access review closed: ${c.name}`.slice(0, 200),
      body: `${plural(n, 'item')} you had not decided ${n === 1 ? 'was' : 'were'} recorded as not reviewed; nothing is left for you to do in it.`,
      link: `/reviews/mine?campaign=${c.id}`, dedupeKey: `review.campaign_closed:${c.id}:${personId}`,
    }, at);
  }
}
