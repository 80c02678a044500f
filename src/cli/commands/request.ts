import { Command } from 'commander';
import type { App } from '../../app.ts';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import { ROLE_ORDER } from '../../identity/index.ts';
import type { RequestCaller, RequestDetail, RequestService, RequestView, ReviewBreakGlassInput, SubmittedRequest, SubmitRequestInput } from '../../requests/index.ts';
import { callApi, getApi, readTarget, type ApiTarget } from '../api-client.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import { cliActor } from './connector.ts';
import { detailLines, parseDuration, requestLine, submittedLines } from './request-text.ts';
import { collect } from './review-input.ts';

const AS_HELP = 'act as the person with this email (the store directly only: through the API your token says who you are)';

type AsFlag = { as?: string };

/**
 * `rrcu request`: just-in-time access requests. Who asks, approves or cancels is a person of the inventory, as
 * in the web UI. With RRCU_URL and RRCU_TOKEN set, every subcommand goes through that server's API as the
 * token's user (the person with its creator's email), as `rrcu review decide` does. Without, it opens the
 * store as the OS user, an administrator who is no person: it lists and shows every request and may revoke one,
 * and `--as EMAIL` names the person it acts for — with that person's rights, never more, and the audit log
 * names the OS user with them. Nobody approves their own request, whichever door they use.
 */
export function requestCommand(): Command {
  const request = new Command('request').description('just-in-time access requests: requestable, create, list, show, approve, deny, review-break-glass, cancel, revoke, extend');

  request
    .command('requestable')
    .description('what you may request: each entitlement with the policy that applies, its durations and approval steps')
    .option('--as <email>', AS_HELP)
    .option('--json', 'print a JSON array')
    .action(async (flags: AsFlag & { json?: boolean }) => {
      const items = await asCaller(flags, 'person', async (t) => (await getApi<{ items: RequestableItem[] }>(t, '/api/requests/requestable')).items, (r, caller) => r.requestable(caller));
      if (flags.json) return printJson(items);
      if (items.length === 0) return void process.stdout.write('Nothing is requestable for you: no request policy makes you eligible.\n');
      for (const i of items) {
        const what = i.requestable.kind === 'permission_set'
          ? `${i.requestable.permissionSetName} on ${i.requestable.accounts.length} account(s): ${i.requestable.accounts.map((a) => a.name).join(', ')}`
          : `member of ${i.requestable.groupName}${i.requestable.kind === 'iam_group' ? ` (IAM, ${i.requestable.account.name})` : ''}`;
        const approval = i.approvalSteps.length === 0 ? 'approved automatically' : i.approvalSteps.map((s, n) => `step ${n + 1}: ${s.approvals} of ${s.sources.join(', ')}`).join('; ');
        process.stdout.write(`${what}\n  policy ${JSON.stringify(i.policy.name)} v${i.policy.version}: ${i.defaultDurationMinutes} min default, ${i.maxDurationMinutes} max; ${approval}${i.breakGlass.allowed ? '; break-glass allowed' : ''}\n`);
      }
    });

  request
    .command('create')
    .description('request access for a limited time: a permission set on accounts (one task per account), or a group membership')
    .option('--permission-set <name>', 'the permission set (name or ARN), with --account')
    .option('--account <name>', 'an account (id or name) for the permission set, or of the IAM group (repeatable, or comma-separated)', collect, [])
    .option('--group <name>', 'an Identity Center group (name or id) to be a member of')
    .option('--iam-group <name>', 'an IAM group (name or ARN) to be a member of (--account when several accounts have one of that name)')
    .option('--connector <name>', 'the connector (name or id); may be left out when one connector is live')
    .option('--duration <d>', 'how long, e.g. 90 (minutes), 90m, 4h, 1d or 1h30m; default the policy\'s, longer is cut to its maximum')
    .option('--justification <text>', 'why (the policy may require it)')
    .option('--ticket <ref>', 'a ticket reference (the policy may require one and a pattern)')
    .option('--break-glass', 'emergency access the policy allows without an approver: granted at once, flagged, reviewed after by the approvers (justification required)')
    .option('--as <email>', AS_HELP)
    .option('--json', 'print the request as JSON')
    .action(async (flags: CreateFlags) => {
      const input = await submitInput(flags);
      const submitted = await asCaller(flags, 'person', (t) => postApi<SubmittedRequest>(t, '/api/requests', input), (r, caller) => r.submit(input, caller));
      if (flags.json) return printJson(submitted);
      process.stdout.write(submittedLines(submitted).join('\n') + '\n');
    });

  request
    .command('list')
    .description('requests, newest first: yours, those waiting for your approval, or all (administrators and auditors)')
    .option('--view <view>', 'mine, approvals or all (default: mine; all for the store directly without --as)')
    .option('--status <statuses>', 'only these, comma-separated: pending, approved, provisioning, active, expired, revoked, denied, cancelled, timed_out, failed')
    .option('--limit <n>', 'at most this many (default 100)')
    .option('--as <email>', AS_HELP)
    .option('--json', 'print a JSON array')
    .action(async (flags: AsFlag & { view?: string; status?: string; limit?: string; json?: boolean }) => {
      const query = { view: flags.view, status: flags.status, limit: flags.limit };
      const items = await asCaller(
        flags,
        'admin',
        async (t) => (await getApi<{ items: RequestView[] }>(t, '/api/requests', query)).items,
        async (r, caller) => {
          const { requestListFilterSchema } = await import('../../requests/index.ts');
          const parsed = requestListFilterSchema.safeParse({
            view: flags.view ?? (caller.personId === null ? 'all' : 'mine'),
            ...(flags.status ? { status: flags.status.split(',').map((s) => s.trim()) } : {}),
            ...(flags.limit ? { limit: Number(flags.limit) } : {}),
          });
          if (!parsed.success) throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '), { fix: 'Correct it and run the command again.' });
          return r.listRequests(parsed.data, caller);
        },
      );
      if (flags.json) return printJson(items);
      if (items.length === 0) return void process.stdout.write('No requests.\n');
      for (const item of items) process.stdout.write(`${requestLine(item)}\n`);
    });

  request
    .command('show')
    .description('one request: its steps and approvers, decisions, targets (one per account, with their tasks) and timeline')
    .argument('<id>', 'request number (#N or N)')
    .option('--as <email>', AS_HELP)
    .option('--json', 'print the request as JSON')
    .action(async (id: string, flags: AsFlag & { json?: boolean }) => {
      const n = requestNumber(id);
      const detail = await asCaller(flags, 'admin', (t) => getApi<RequestDetail>(t, `/api/requests/${n}`), (r, caller) => r.getRequest(n, caller));
      if (flags.json) return printJson(detail);
      process.stdout.write(detailLines(detail).join('\n') + '\n');
    });

  for (const [verb, description] of [
    ['approve', 'approve a request waiting for you (never your own); the last approval needed sends it to provisioning'],
    ['deny', 'deny a request waiting for you'],
  ] as const) {
    request
      .command(verb)
      .description(description)
      .argument('<id>', 'request number (#N or N)')
      .option('--comment <text>', 'a comment the requester reads')
      .option('--as <email>', AS_HELP)
      .option('--json', 'print the request as JSON')
      .action(async (id: string, flags: AsFlag & { comment?: string; json?: boolean }) => {
        const n = requestNumber(id);
        const body = flags.comment !== undefined ? { comment: flags.comment } : {};
        const detail = await asCaller(flags, 'person', (t) => postApi<RequestDetail>(t, `/api/requests/${n}/${verb}`, body), (r, caller) => (verb === 'approve' ? r.approve(n, body, caller) : r.deny(n, body, caller)));
        if (flags.json) return printJson(detail);
        process.stdout.write(`${requestLine(detail)}\n`);
      });
  }

  request
    .command('review-break-glass')
    .description('review a break-glass request after the fact, as an approver of its policy\'s step 1 (never your own): inappropriate revokes access still held')
    .argument('<id>', 'request number (#N or N)')
    .requiredOption('--verdict <verdict>', 'appropriate or inappropriate')
    .option('--comment <text>', 'why (required for inappropriate)')
    .option('--as <email>', AS_HELP)
    .option('--json', 'print the request as JSON')
    .action(async (id: string, flags: AsFlag & { verdict: string; comment?: string; json?: boolean }) => {
      const n = requestNumber(id);
      const body = await reviewInput(flags);
      const detail = await asCaller(flags, 'person', (t) => postApi<RequestDetail>(t, `/api/requests/${n}/post-hoc-review`, body), (r, caller) => r.reviewBreakGlass(n, body, caller));
      if (flags.json) return printJson(detail);
      process.stdout.write(`${detailLines(detail).join('\n')}\n`);
    });

  request
    .command('cancel')
    .description('withdraw your own request while it is pending')
    .argument('<id>', 'request number (#N or N)')
    .option('--as <email>', AS_HELP)
    .option('--json', 'print the request as JSON')
    .action(async (id: string, flags: AsFlag & { json?: boolean }) => {
      const n = requestNumber(id);
      const detail = await asCaller(flags, 'person', (t) => postApi<RequestDetail>(t, `/api/requests/${n}/cancel`, {}), (r, caller) => r.cancel(n, caller));
      if (flags.json) return printJson(detail);
      process.stdout.write(`${requestLine(detail)}\n`);
    });

  request
    .command('revoke')
    .description('end granted access early (the requester, an approver or an administrator): removed in AWS unless something else grants it')
    .argument('<id>', 'request number (#N or N)')
    .option('--reason <text>', 'why, as the audit log will say')
    .option('--as <email>', AS_HELP)
    .option('--json', 'print the request as JSON')
    .action(async (id: string, flags: AsFlag & { reason?: string; json?: boolean }) => {
      const n = requestNumber(id);
      const body = flags.reason !== undefined ? { reason: flags.reason } : {};
      const detail = await asCaller(flags, 'admin', (t) => postApi<RequestDetail>(t, `/api/requests/${n}/revoke`, body), (r, caller) => r.revoke(n, body, caller));
      if (flags.json) return printJson(detail);
      process.stdout.write(`${detailLines(detail).join('\n')}\n`);
    });

  request
    .command('extend')
    .description('ask for more time on your active request: a new request linked to it, approved like a new one, capped by the policy')
    .argument('<id>', 'request number (#N or N)')
    .requiredOption('--duration <d>', 'how much longer, e.g. 60, 2h, 1d')
    .option('--justification <text>', 'why')
    .option('--as <email>', AS_HELP)
    .option('--json', 'print the new request as JSON')
    .action(async (id: string, flags: AsFlag & { duration: string; justification?: string; json?: boolean }) => {
      const n = requestNumber(id);
      const body = { minutes: parseDuration(flags.duration, '--duration'), ...(flags.justification !== undefined ? { justification: flags.justification } : {}) };
      const submitted = await asCaller(flags, 'person', (t) => postApi<SubmittedRequest>(t, `/api/requests/${n}/extend`, body), (r, caller) => r.extend(n, body, caller));
      if (flags.json) return printJson(submitted);
      process.stdout.write(submittedLines(submitted).join('\n') + '\n');
    });
  return request;
}

type RequestableItem = Awaited<ReturnType<RequestService['requestable']>>[number];
type CreateFlags = AsFlag & {
  permissionSet?: string; account: string[]; group?: string; iamGroup?: string; connector?: string;
  duration?: string; justification?: string; ticket?: string; breakGlass?: boolean; json?: boolean;
};

const FLAG_OF: Record<string, string> = {
  permissionSet: '--permission-set', accounts: '--account', account: '--account', group: '--group', connector: '--connector',
  durationMinutes: '--duration', justification: '--justification', ticket: '--ticket', breakGlass: '--break-glass',
};

/** The request the flags describe, checked by the service's own schema so a mistake names its flag. */
async function submitInput(flags: CreateFlags): Promise<SubmitRequestInput> {
  const chosen = [flags.permissionSet && '--permission-set', flags.group && '--group', flags.iamGroup && '--iam-group'].filter(Boolean);
  if (chosen.length !== 1) {
    throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, chosen.length === 0 ? 'Say what you request: --permission-set (with --account), --group or --iam-group.' : `Request one thing at a time: ${chosen.join(' and ')} were given.`, {
      fix: 'Run `rrcu request requestable` for what you may request.',
    });
  }
  if (flags.group && flags.account.length > 0) throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, '--account: an Identity Center group has no account.', { fix: 'Leave out --account with --group.' });
  const entitlement = flags.permissionSet
    ? { kind: 'permission_set' as const, permissionSet: flags.permissionSet, accounts: flags.account }
    : flags.group
      ? { kind: 'sso_group' as const, group: flags.group }
      : { kind: 'iam_group' as const, group: flags.iamGroup!, ...(flags.account.length > 0 ? { account: flags.account.join(',') } : {}) };
  const input = {
    ...(flags.connector !== undefined ? { connector: flags.connector } : {}),
    entitlement,
    ...(flags.duration !== undefined ? { durationMinutes: parseDuration(flags.duration, '--duration') } : {}),
    ...(flags.justification !== undefined ? { justification: flags.justification } : {}),
    ...(flags.ticket !== undefined ? { ticket: flags.ticket } : {}),
    breakGlass: flags.breakGlass === true,
  };
  const { submitRequestInputSchema } = await import('../../requests/index.ts');
  const parsed = submitRequestInputSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${FLAG_OF[String(i.path.at(-1))] ?? FLAG_OF[String(i.path.at(-2))] ?? i.path.join('.')}: ${i.message}`);
    throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `The request was refused: ${problems.join('; ')}.`, { fix: 'Correct what is named and run the command again (`rrcu request create --help`).' });
  }
  return input;
}

/** The verdict the flags give, checked by the service's own schema so a mistake names its flag. */
async function reviewInput(flags: { verdict: string; comment?: string }): Promise<ReviewBreakGlassInput> {
  const input = { verdict: flags.verdict.trim().toLowerCase(), ...(flags.comment !== undefined ? { comment: flags.comment } : {}) } as ReviewBreakGlassInput;
  const { reviewBreakGlassInputSchema } = await import('../../requests/index.ts');
  const parsed = reviewBreakGlassInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '), { fix: 'Give --verdict appropriate, or --verdict inappropriate with --comment.' });
  }
  return input;
}

/** `#12`, `12`: the request's number. */
function requestNumber(id: string): number {
  const n = /^#?(\d{1,15})$/.exec(id.trim());
  if (!n) throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `<id>: expected a request number such as 12 or #12, got ${JSON.stringify(id)}.`, { fix: 'List requests with `rrcu request list`.' });
  return Number(n[1]);
}

/**
 * Runs the command as its caller. Through the API: the token's user (`--as` is refused: the token says who you
 * are). In the store: the person `--as` names, with the rights of the user who signs in with that email (a
 * person's, when none does); without `--as`, the OS user as an administrator who is no person — which is
 * enough to read and revoke, not to request or decide (`needs: 'person'`).
 */
async function asCaller<T>(flags: AsFlag, needs: 'person' | 'admin', viaApi: (t: ApiTarget) => Promise<T>, viaStore: (requests: RequestService, caller: RequestCaller) => Promise<T>): Promise<T> {
  const target = readTarget();
  if (target) {
    if (flags.as !== undefined) {
      throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, '--as: through the API (RRCU_URL) you act as the user of your token, never as someone else.', {
        fix: 'Leave out --as and use a token of the person who acts (each person makes their own under Settings → My API tokens).',
      });
    }
    return viaApi(target);
  }
  if (flags.as === undefined && needs === 'person') {
    throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, 'Requests are asked for, approved and cancelled by a person: this command opens the store as the OS user, who is none.', {
      fix: 'Give --as <email> of the person you act for, or set RRCU_URL and RRCU_TOKEN to act through the API as your token\'s user.',
    });
  }
  return withApp(async (app: App) => viaStore(app.requests, flags.as === undefined ? adminCaller() : await personCaller(app, flags.as)), { jobs: true, supervise: false });
}

function adminCaller(): RequestCaller {
  return { userId: null, personId: null, role: 'super_admin', actor: cliActor() };
}

async function personCaller(app: App, email: string): Promise<RequestCaller> {
  const person = await app.access.personWithEmail(email);
  if (!person) {
    throw new RrcuError(COMMON_ERRORS.NOT_FOUND, `--as: no person of the inventory has the email ${JSON.stringify(email)}.`, { fix: 'Give the email of a person synced from Identity Center or IAM (`rrcu access --person <email>`).' });
  }
  // Where several users sign in with the email (a local user and one of the IdP), the lowest role: never more than that person may.
  const users = (await app.identity.listUsers()).filter((u) => !u.disabled && u.email?.toLowerCase() === email.toLowerCase());
  const user = users.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))[0];
  // The audit log names who typed the command and for whom.
  return { userId: user?.id ?? null, personId: person.id, role: user?.role ?? 'person', actor: `${cliActor()} as ${email}` };
}

async function postApi<T>(target: ApiTarget, path: string, body: unknown): Promise<T> {
  return JSON.parse(await callApi(target, 'POST', path, JSON.stringify(body))) as T;
}
