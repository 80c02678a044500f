import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import type { App } from '../../app.ts';
import type { CampaignView, CampaignStatistics, ExportRow, ItemView, RemediationActionResult, ReviewService } from '../../reviews/index.ts';
import { callApi, connectorIdThroughApi, getApi, readTarget, type ApiTarget } from '../api-client.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import { cliActor } from './connector.ts';
import { collect, createInputFromFlags, each, flagOf, PEOPLE_HELP, POLICY_HELP, type CreateFlags } from './review-input.ts';

/**
 * `rrcu review`: access review campaigns (docs/access-reviews.md). With RRCU_URL (and RRCU_TOKEN) set,
 * every subcommand goes through that server's API, judged by the token's role; without, it opens the
 * store as `rrcu grant` does, with the OS user as the actor. Deciding is the one exception: it needs a
 * reviewer proven by a token, so it only goes through the API.
 */
export function reviewCommand(): Command {
  const review = new Command('review').description('access review campaigns: create, launch, list, show, items, decide, reassign, advance, close, export');

  review
    .command('create')
    .description('create a campaign as a draft (launch it with `rrcu review launch <id>`)')
    .requiredOption('--name <text>', 'the campaign\'s name')
    .option('--description <text>', 'what it is for, as reviewers will read it')
    .requiredOption('--connector <name>', 'connector name or id')
    .option('--account <id>', 'only grants on these accounts (repeat, or comma-separated)', collect, [])
    .option('--ou <path>', 'only accounts under this OU path as synced, e.g. Workloads/Prod (repeatable)', collect, [])
    .option('--permission-set <arn>', 'only these permission sets (repeatable)', collect, [])
    .option('--group <id>', 'only these groups\' memberships (and an Identity Center group\'s assignments) (repeatable)', collect, [])
    .option('--resource-type <type>', 'only these: account, sso_group, iam_group, iam_role (repeatable)', collect, [])
    .option('--principal-type <type>', 'only these: iam_user, sso_user, sso_group, iam_role (role trust is reviewed only when named) (repeatable)', collect, [])
    .option('--privileged-only', 'only privileged entitlements')
    .option('--people <which>', PEOPLE_HELP)
    .option('--stage <policies>', POLICY_HELP, each, [])
    .requiredOption('--fallback <person>', 'who reviews when no policy yields an eligible reviewer: person id or email')
    .option('--due <date>', 'due date, e.g. 2026-12-31: reminders and escalation count from it')
    .option('--ends <date>', 'close the campaign by itself then (decisions lock, undecided items are Not reviewed); past due, reviewers may decide until then')
    .option('--recurrence <cron>', 'launch a copy on this cron schedule in UTC, e.g. "0 6 1 1,4,7,10 *" (quarterly); checked when created')
    .option('--remind-before <days>', 'remind reviewers with pending items this many days before due, comma-separated, e.g. 7,1 (default 3; "" for none)')
    .option('--no-remind-after-due', 'no daily reminder after the due date (on by default)')
    .option('--escalate-after <days>', 'days past due after which undecided items go to the fallback reviewer, or never (default 2)')
    .option('--max-sync-age <hours>', 'launch asks for a sync first when the connector\'s last one is older (default 24)')
    .option('--granter-lookback <days>', 'with --exclude-granters, how far back RRCU tasks count when no earlier campaign of this scope launched (default 90)')
    .option('--require-comment-on-keep', 'a Keep needs a comment too')
    .option('--remediate-immediately', 'a Revoke becomes a provisioning task when decided, not at close')
    .option('--exclude-granters', 'nobody reviews a grant they asked RRCU for during the campaign period')
    .option('--json', 'print the campaign as JSON')
    .action(async (flags: CreateFlags & { json?: boolean }) => {
      const target = readTarget();
      const campaign = target
        ? await (async () => {
          const input = await createInputFromFlags(flags, await connectorIdThroughApi(target, flags.connector), (who) => personIdThroughApi(target, who));
          return postApi<CampaignView>(target, '/api/reviews', input);
        })()
        : await withReviewApp(async (app) => {
          const { createCampaignInputSchema } = await import('../../reviews/index.ts');
          const connectorId = (await app.connectors.find(flags.connector)).id;
          const parsed = createCampaignInputSchema.safeParse(await createInputFromFlags(flags, connectorId, (who) => personIdInStore(app, who)));
          if (!parsed.success) {
            const problems = parsed.error.issues.map((i) => `${flagOf(i.path)}: ${i.message}`).join('; ');
            throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `The campaign was refused: ${problems}.`, { fix: 'Correct what is named and run the command again (`rrcu review create --help`).' });
          }
          return app.reviews.create(parsed.data, { actor: cliActor(), personId: null });
        });
      if (flags.json) return printJson(campaign);
      process.stdout.write(`Created draft ${campaignLine(campaign)}\nLaunch it with: rrcu review launch ${campaign.id}\n`);
    });

  review
    .command('list')
    .description('campaigns, with their progress')
    .option('--status <status>', 'only draft, active or closed')
    .option('--json', 'print a JSON array')
    .action(async (flags: { status?: string; json?: boolean }) => {
      const target = readTarget();
      const campaigns = target
        ? (await getApi<{ items: CampaignView[] }>(target, '/api/reviews', { status: flags.status })).items
        : await withReviewApp(async (app) => app.reviews.list(flags.status ? { status: statusOf(flags.status) } : {}));
      if (flags.json) return printJson(campaigns);
      if (campaigns.length === 0) return void process.stdout.write('No campaigns.\n');
      for (const c of campaigns) process.stdout.write(`${campaignLine(c)}\n`);
    });

  review
    .command('show')
    .description('one campaign: its completeness proof, progress and statistics per reviewer')
    .argument('<id>', 'campaign id')
    .option('--json', 'print { campaign, statistics } as JSON')
    .action(async (id: string, flags: { json?: boolean }) => {
      const { campaign, statistics } = await read(
        async (t) => ({ campaign: await getApi<CampaignView>(t, `/api/reviews/${enc(id)}`), statistics: await getApi<CampaignStatistics>(t, `/api/reviews/${enc(id)}/statistics`) }),
        async (r) => ({ campaign: await r.get(id), statistics: await r.statistics(id) }),
      );
      if (flags.json) return printJson({ campaign, statistics });
      process.stdout.write(`${campaignLine(campaign)}\n${proofLine(campaign)}\n`);
      const p = campaign.progress;
      process.stdout.write(`Progress: ${p.decided}/${p.items} decided, ${p.kept} kept, ${p.revoked} revoked, ${p.notReviewed} not reviewed; remediated ${p.remediated}, unremediated ${p.unremediated}\n`);
      for (const r of statistics.reviewers) {
        process.stdout.write(`  reviewer ${r.reviewerPersonId}: ${r.decided}/${r.items} decided, ${r.pending} pending, ${r.notReviewed} not reviewed, median ${r.medianSecondsPerDecision ?? '-'} s${r.rubberStamp ? '  RUBBER STAMP?' : ''}\n`);
      }
    });

  review
    .command('items')
    .description('a campaign\'s items, a page at a time')
    .argument('<id>', 'campaign id')
    .option('--outcome <outcome>', 'pending, kept, revoked or not_reviewed')
    .option('--reviewer <person id>', 'only this reviewer\'s items')
    .option('--limit <n>', 'page size (default 50)', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print { total, items } as JSON')
    .action(async (id: string, flags: { outcome?: string; reviewer?: string; limit: string; offset: string; json?: boolean }) => {
      const query = { outcome: flags.outcome, reviewerPersonId: flags.reviewer, limit: flags.limit, offset: flags.offset };
      const page = await read(
        (t) => getApi<{ total: number; items: ItemView[] }>(t, `/api/reviews/${enc(id)}/items`, query),
        async (r) => {
          const { itemQuerySchema, toItemFilter } = await import('../../reviews/index.ts');
          const parsed = itemQuerySchema.safeParse(query);
          if (!parsed.success) throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '), { fix: 'Correct it and run the command again.' });
          const { filter, paging } = toItemFilter(parsed.data);
          const rows = await r.items(id, filter, paging);
          return { total: rows.total, items: rows.rows };
        },
      );
      if (flags.json) return printJson(page);
      for (const item of page.items) process.stdout.write(`${itemLine(item)}\n`);
      process.stdout.write(`${page.items.length} of ${page.total} item(s).\n`);
    });

  for (const [verb, description] of [
    ['launch', 'launch a draft: snapshot the population of the connector\'s last committed sync and assign reviewers'],
    ['advance', 'close the open stage; the next stage reviews what it kept (the campaign closes after the last)'],
    ['close', 'close the campaign: decisions lock, undecided items are Not reviewed, revokes go to provisioning'],
  ] as const) {
    review
      .command(verb)
      .description(description)
      .argument('<id>', 'campaign id')
      .option('--json', 'print the campaign as JSON')
      .action(async (id: string, flags: { json?: boolean }) => {
        const campaign = await write(
          (t) => postApi<CampaignView>(t, `/api/reviews/${enc(id)}/${verb}`, {}),
          (r, by) => (verb === 'launch' ? r.launch(id, by) : verb === 'advance' ? r.advanceStage(id, by) : r.close(id, by)),
        );
        if (flags.json) return printJson(campaign);
        process.stdout.write(`${campaignLine(campaign)}\n${proofLine(campaign)}\n`);
      });
  }

  review
    .command('reassign')
    .description('give items of a campaign to another reviewer (audited; the holder of the access never gets them)')
    .argument('<id>', 'campaign id')
    .requiredOption('--items <ids>', 'item ids, comma-separated', collect, [])
    .requiredOption('--to <person>', 'the new reviewer: person id or email')
    .requiredOption('--reason <text>', 'why, as the audit log will say')
    .action(async (id: string, flags: { items: string[]; to: string; reason: string }) => {
      const { reassigned } = await write(
        async (t) => postApi<{ reassigned: number }>(t, `/api/reviews/${enc(id)}/reassign`, { itemIds: flags.items, toPersonId: await personIdThroughApi(t, flags.to), reason: flags.reason }),
        async (r, by, app) => {
          const { reassignInputSchema } = await import('../../reviews/index.ts');
          const parsed = reassignInputSchema.safeParse({ itemIds: flags.items, toPersonId: await personIdInStore(app, flags.to), reason: flags.reason });
          if (!parsed.success) throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; '), { fix: 'Correct it and run the command again.' });
          return r.reassign(id, parsed.data, by);
        },
      );
      process.stdout.write(`Reassigned ${reassigned} item(s).\n`);
    });

  // A revoke nothing carries out by itself: a failed task asked for again, a manual removal said to be done.
  const remediation = review.command('remediation').description("an administrator's way out for a revoke: retry a failed task, or mark a manual removal done");
  for (const [verb, description] of [
    ['retry', 'ask again for a revoke whose provisioning task failed (a new task; the item is task_queued again)'],
    ['done', 'say a manual removal is done; the next sync that started after it and no longer sees the grant makes it Remediated'],
  ] as const) {
    remediation
      .command(verb)
      .description(description)
      .argument('<itemId>', 'review item id')
      .option('--json', 'print the remediation as JSON')
      .action(async (itemId: string, flags: { json?: boolean }) => {
        const r = await write(
          async (t) => (await postApi<{ remediation: RemediationActionResult }>(t, `/api/review-items/${enc(itemId)}/remediation/${verb}`, {})).remediation,
          (reviews, by) => (verb === 'retry' ? reviews.retryRemediation(itemId, by) : reviews.markRemediationDone(itemId, by)),
        );
        if (flags.json) return printJson(r);
        process.stdout.write(verb === 'retry' ? `Asked again: task ${r.taskId ?? ''} (task_queued).\n` : `Marked done at ${r.manualMarkedAt ?? ''} by ${r.manualMarkedBy ?? ''}; the next sync proves it.\n`);
      });
  }

  review
    .command('export')
    .description('every item with reviewer, decision, time, comment, stage, reassignments, remediation task and observing sync')
    .argument('<id>', 'campaign id')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, flags: { format: string; out?: string }) => {
      if (flags.format !== 'csv' && flags.format !== 'json') throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `--format: expected csv or json, got ${JSON.stringify(flags.format)}.`, { fix: 'Give --format csv or --format json.' });
      const rows = await read(
        async (t) => (await getApi<{ items: ExportRow[] }>(t, `/api/reviews/${enc(id)}/export.json`)).items,
        (r) => r.exportRows(id),
      );
      const { reviewExportCsv } = await import('../../reviews/index.ts');
      const text = flags.format === 'csv' ? reviewExportCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`;
      if (!flags.out) return void process.stdout.write(text);
      writeFileSync(flags.out, text);
      process.stderr.write(`Wrote ${rows.length} item(s) to ${flags.out}.\n`);
    });

  review
    .command('decide')
    .description('Keep or Revoke an item assigned to you. Only through the API (RRCU_URL and RRCU_TOKEN): the token is who decides, and the item must be theirs')
    .argument('<item-id>', 'review item id (rrcu review items, or My reviews in the web UI)')
    .argument('<decision>', 'keep or revoke')
    .option('--comment <text>', 'required on revoke (and on keep when the campaign says so)')
    .option('--json', 'print the item as JSON')
    .action(async (itemId: string, decision: string, flags: { comment?: string; json?: boolean }) => {
      if (!process.env.RRCU_URL) {
        throw new RrcuError(COMMON_ERRORS.FORBIDDEN, 'A decision is the reviewer\'s own: `rrcu review decide` runs only through the API, as the person the token belongs to.', {
          fix: 'Set RRCU_URL to the server and RRCU_TOKEN to an API token of the reviewer\'s user, or decide in the web UI (My reviews).',
        });
      }
      if (decision !== 'keep' && decision !== 'revoke') throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `<decision>: expected keep or revoke, got ${JSON.stringify(decision)}.`, { fix: 'Give keep or revoke.' });
      const target = readTarget()!;
      const { item } = await postApi<{ item: ItemView }>(target, `/api/review-items/${enc(itemId)}/decision`, { decision, ...(flags.comment !== undefined ? { comment: flags.comment } : {}) });
      if (flags.json) return printJson(item);
      process.stdout.write(`${itemLine(item)}\n`);
    });
  return review;
}

const enc = encodeURIComponent;

/** The app with its job engine (not supervising): closing a campaign queues its revokes as provisioning tasks. */
function withReviewApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  return withApp((app) => fn(app), { jobs: true, supervise: false });
}

function statusOf(value: string): CampaignView['status'] {
  if (value === 'draft' || value === 'active' || value === 'closed') return value;
  throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `--status: expected draft, active or closed, got ${JSON.stringify(value)}.`, { fix: 'Correct it and run the command again.' });
}

/** A read from the server when RRCU_URL is set, else from the store. */
async function read<T>(viaApi: (t: ApiTarget) => Promise<T>, viaStore: (reviews: ReviewService) => Promise<T>): Promise<T> {
  const target = readTarget();
  return target ? viaApi(target) : withReviewApp(async (app) => viaStore(app.reviews));
}

/** An administrator's change: through the server as the token when RRCU_URL is set, else in the store as the OS user. */
async function write<T>(viaApi: (t: ApiTarget) => Promise<T>, viaStore: (reviews: ReviewService, by: { actor: string; personId: null }, app: App) => Promise<T>): Promise<T> {
  const target = readTarget();
  return target ? viaApi(target) : withReviewApp(async (app) => viaStore(app.reviews, { actor: cliActor(), personId: null }, app));
}

async function postApi<T>(target: ApiTarget, path: string, body: unknown): Promise<T> {
  return JSON.parse(await callApi(target, 'POST', path, JSON.stringify(body))) as T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function personIdInStore(app: App, idOrEmail: string): Promise<string> {
  if (UUID.test(idOrEmail)) return (await app.access.getPerson(idOrEmail)).id;
  const person = await app.access.personWithEmail(idOrEmail);
  if (!person) throw noPerson(idOrEmail);
  return person.id;
}

async function personIdThroughApi(target: ApiTarget, idOrEmail: string): Promise<string> {
  if (UUID.test(idOrEmail)) return (await getApi<{ id: string }>(target, `/api/people/${enc(idOrEmail)}`)).id;
  const { items } = await getApi<{ items: { id: string; email: string | null }[] }>(target, '/api/people', { q: idOrEmail, limit: 1000 });
  const person = items.find((p) => p.email?.toLowerCase() === idOrEmail.toLowerCase());
  if (!person) throw noPerson(idOrEmail);
  return person.id;
}

function noPerson(idOrEmail: string): RrcuError {
  return new RrcuError(COMMON_ERRORS.NOT_FOUND, `No person with the email ${JSON.stringify(idOrEmail)}.`, { fix: 'Give a person id or the email of a synced person (`rrcu api GET /api/people?q=…`).' });
}

/** `<id>  active  Q4 review  stage 1/2  12/40 decided  due 2026-12-31`. */
export function campaignLine(c: CampaignView): string {
  const stage = c.currentStage !== null ? `  stage ${c.currentStage}/${c.stageCount}` : '';
  return `${c.id}  ${c.status}  ${c.name}${stage}  ${c.progress.decided}/${c.progress.items} decided${c.dueAt ? `  due ${c.dueAt.slice(0, 10)}` : ''}`;
}

/** The completeness proof as the campaign page says it. */
export function proofLine(c: CampaignView): string {
  if (!c.snapshot) return 'Not launched: no snapshot yet.';
  const s = c.snapshot;
  return `${s.itemCount} items from sync #${s.syncRunId} at ${s.syncAt}; reconciled: ${s.reconciliation.reconciled ? 'yes' : 'NO'}; sha256 ${s.sha256}`;
}

/** `<id>  sso_user alice → member of Admins  reviewer Bob  keep  (kept)`. */
export function itemLine(i: ItemView): string {
  const what = `${i.principal.type} ${i.principal.name ?? i.principal.id} → ${i.entitlement.name ?? i.entitlement.slug} on ${i.resource.name ?? i.resource.id}`;
  const reviewer = i.reviewer ? i.reviewer.email ?? i.reviewer.displayName : i.noEligibleReviewer ? 'NO ELIGIBLE REVIEWER' : '-';
  return `${i.id}  ${what}  stage ${i.stage}  reviewer ${reviewer}  ${i.decision ?? 'undecided'}  (${i.outcome})`;
}
