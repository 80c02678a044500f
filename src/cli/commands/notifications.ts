import { Command } from 'commander';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import type { ChannelView, DeliveryPage, DeliveryView } from '../../notifications/index.ts';
import { callApi, getApi, readTarget } from '../api-client.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import { cliActor } from './connector.ts';

const STATUSES = 'pending, digest, sending, sent, failed, uncertain, skipped';

/**
 * `rrcu notifications`: the delivery log, Send test and Retry for scripts — through the API of RRCU_URL
 * when it is set (as the token's user, a Super Administrator), else on the store as the CLI.
 */
export function notificationsCommand(): Command {
  const notifications = new Command('notifications').description('email, Slack and webhook deliveries: the log, a test message on a channel, Retry');
  notifications
    .command('list')
    .description('the delivery log, newest first: status, attempts and why one failed; first, how far each audit stream is')
    .option('--status <status>', `only this status (${STATUSES})`)
    .option('--channel <name>', 'only this channel (name or id)')
    .option('--kind <kind>', 'only this notification kind, e.g. sync.failed')
    .option('--limit <n>', 'how many (1-200)', '50')
    .option('--json', 'print a JSON array, one object per delivery')
    .action(async (flags: { status?: string; channel?: string; kind?: string; limit: string; json?: boolean }) => {
      const { items, channels } = await listDeliveries(flags);
      if (flags.json) return printJson(items);
      // The streams first: one that is behind is missing evidence at its receiver, not one failed message.
      const streams = channels.filter((c) => c.archivedAt === null && c.auditStreamState && (!flags.channel || c.id === flags.channel || c.name === flags.channel));
      for (const c of streams) process.stdout.write(auditStreamLines(c).join('\n') + '\n');
      if (items.length === 0) return void process.stdout.write('No deliveries.\n');
      for (const d of items) process.stdout.write(`${deliveryLine(d)}\n`);
      process.stdout.write(`${items.length} deliver${items.length === 1 ? 'y' : 'ies'}.\n`);
    });
  notifications
    .command('test')
    .description('send a test message on a channel now and print how it went')
    .argument('<channel>', 'the channel\'s name or id')
    .option('--to <email>', 'whom to send it to (email and Slack app channels)')
    .option('--json', 'print the delivery as JSON')
    .action(async (channel: string, flags: { to?: string; json?: boolean }) => {
      const target = readTarget();
      const delivery = target
        ? await (async () => {
          const id = (await channelOf(await getApi<{ items: ChannelView[] }>(target, '/api/notifications/channels').then((r) => r.items), channel)).id;
          return JSON.parse(await callApi(target, 'POST', `/api/notifications/channels/${encodeURIComponent(id)}/test`, JSON.stringify(flags.to ? { to: flags.to } : {}))) as DeliveryView;
        })()
        : await withApp(async ({ notifications: n }) => n.sendTest((await channelOf(await n.listChannels(), channel)).id, { to: flags.to, actor: cliActor() }));
      // A test that did not arrive fails the command, so a script notices.
      if (delivery.status !== 'sent') process.exitCode = 1;
      if (flags.json) return printJson(delivery);
      process.stdout.write(`${deliveryLine(delivery)}\n`);
    });
  notifications
    .command('retry')
    .description('send a failed or uncertain delivery again (an uncertain one may then arrive twice)')
    .argument('<delivery-id>', 'the delivery\'s id (rrcu notifications list)')
    .option('--json', 'print the delivery as JSON')
    .action(async (id: string, flags: { json?: boolean }) => {
      const target = readTarget();
      const delivery = target
        ? JSON.parse(await callApi(target, 'POST', `/api/notifications/deliveries/${encodeURIComponent(id)}/retry`)) as DeliveryView
        // With the job engine, so the delivery's job is sent now (a running worker takes it); no maintenance here.
        : await withApp((app) => app.notifications.retryDelivery(id, cliActor()), { jobs: true, supervise: false });
      if (flags.json) return printJson(delivery);
      process.stdout.write(`Sending again: ${deliveryLine(delivery)}\n`);
    });
  return notifications;
}

/** The deliveries, and the channels (archived ones too) they were filtered by and whose streams are shown. */
async function listDeliveries(flags: { status?: string; channel?: string; kind?: string; limit: string }): Promise<{ items: DeliveryView[]; channels: ChannelView[] }> {
  const query = { status: flags.status, kind: flags.kind, limit: flags.limit };
  const target = readTarget();
  if (target) {
    const channels = (await getApi<{ items: ChannelView[] }>(target, '/api/notifications/channels', { includeArchived: 'true' })).items;
    const channelId = flags.channel ? channelOf(channels, flags.channel).id : undefined;
    return { items: (await getApi<DeliveryPage>(target, '/api/notifications/deliveries', { ...query, channelId })).items, channels };
  }
  return withApp(async ({ notifications: n }) => {
    const { deliveryFilterSchema } = await import('../../notifications/index.ts');
    const channels = await n.listChannels({ includeArchived: true });
    const channelId = flags.channel ? channelOf(channels, flags.channel).id : undefined;
    const parsed = deliveryFilterSchema.safeParse({ ...query, ...(channelId ? { channelId } : {}) });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ');
      throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `The deliveries cannot be listed: ${problems}.`, { fix: `Statuses: ${STATUSES}; --limit 1 to 200.` });
    }
    return { items: (await n.listDeliveries(parsed.data)).items, channels };
  });
}

/** A channel by id or name (a live one before an archived one of the same name). */
function channelOf(channels: readonly ChannelView[], nameOrId: string): ChannelView {
  const found = channels.find((c) => c.id === nameOrId) ?? channels.find((c) => c.name === nameOrId && c.archivedAt === null) ?? channels.find((c) => c.name === nameOrId);
  if (found) return found;
  throw new RrcuError(COMMON_ERRORS.NOT_FOUND, `No notification channel named ${JSON.stringify(nameOrId)}.`, {
    fix: channels.length > 0 ? `Channels: ${channels.filter((c) => c.archivedAt === null).map((c) => c.name).join(', ')}.` : 'Add one under Settings → Notifications.',
  });
}

const at = (iso: string) => iso.slice(0, 19).replace('T', ' ');

/** An audit stream in words: how far its receiver has acknowledged, what waits, and while failing, why and since when. */
export function auditStreamLines(c: ChannelView): string[] {
  const s = c.auditStreamState;
  if (!s) return [];
  const upTo = s.lastSentAt ? `streamed up to event #${s.lastSeq} at ${at(s.lastSentAt)}` : 'nothing streamed yet';
  const lines = [`Audit stream ${c.name}: ${upTo}; ${s.waiting} waiting${c.enabled ? '' : ' (channel disabled)'}.`];
  if (s.failure) {
    const when = [s.failure.failingSince && `failing since ${at(s.failure.failingSince)}`, s.failure.failedAt && `last attempt ${at(s.failure.failedAt)}`].filter(Boolean).join(', ');
    lines.push(`  FAILING${when ? ` (${when})` : ''}: ${s.failure.error}`);
  }
  return lines;
}

/** One line per delivery: when, status and attempts, channel and address, kind, and why it failed. */
export function deliveryLine(d: DeliveryView): string {
  const to = typeof d.address.email === 'string' ? d.address.email : 'channel';
  const why = d.lastError ? ` — ${d.lastCode ? `${d.lastCode} ` : ''}${d.lastError}` : '';
  return `${d.id}  ${at(d.createdAt)}  ${d.status} (${d.attempts} attempt${d.attempts === 1 ? '' : 's'})  ${d.channelName} → ${to}  ${d.kind}${why}`;
}
