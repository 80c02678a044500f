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
    .description('the delivery log, newest first: status, attempts and why one failed')
    .option('--status <status>', `only this status (${STATUSES})`)
    .option('--channel <name>', 'only this channel (name or id)')
    .option('--kind <kind>', 'only this notification kind, e.g. sync.failed')
    .option('--limit <n>', 'how many (1-200)', '50')
    .option('--json', 'print a JSON array, one object per delivery')
    .action(async (flags: { status?: string; channel?: string; kind?: string; limit: string; json?: boolean }) => {
      const items = await listDeliveries(flags);
      if (flags.json) return printJson(items);
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

async function listDeliveries(flags: { status?: string; channel?: string; kind?: string; limit: string }): Promise<DeliveryView[]> {
  const query = { status: flags.status, kind: flags.kind, limit: flags.limit };
  const target = readTarget();
  if (target) {
    const channelId = flags.channel ? (await channelOf((await getApi<{ items: ChannelView[] }>(target, '/api/notifications/channels', { includeArchived: 'true' })).items, flags.channel)).id : undefined;
    return (await getApi<DeliveryPage>(target, '/api/notifications/deliveries', { ...query, channelId })).items;
  }
  return withApp(async ({ notifications: n }) => {
    const { deliveryFilterSchema } = await import('../../notifications/index.ts');
    const channelId = flags.channel ? (await channelOf(await n.listChannels({ includeArchived: true }), flags.channel)).id : undefined;
    const parsed = deliveryFilterSchema.safeParse({ ...query, ...(channelId ? { channelId } : {}) });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ');
      throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `The deliveries cannot be listed: ${problems}.`, { fix: `Statuses: ${STATUSES}; --limit 1 to 200.` });
    }
    return (await n.listDeliveries(parsed.data)).items;
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

/** One line per delivery: when, status and attempts, channel and address, kind, and why it failed. */
export function deliveryLine(d: DeliveryView): string {
  const to = typeof d.address.email === 'string' ? d.address.email : 'channel';
  const why = d.lastError ? ` — ${d.lastCode ? `${d.lastCode} ` : ''}${d.lastError}` : '';
  return `${d.id}  ${d.createdAt.slice(0, 19).replace('T', ' ')}  ${d.status} (${d.attempts} attempt${d.attempts === 1 ? '' : 's'})  ${d.channelName} → ${to}  ${d.kind}${why}`;
}
