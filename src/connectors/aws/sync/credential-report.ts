/**
 * IAM users' credential facts (password, MFA, access keys with their last use) from the IAM credential
 * report: two calls per account. GenerateCredentialReport is sent when the account's IAM read starts and
 * GetCredentialReport when it ends, so AWS builds the report while the users, groups and roles are read.
 *
 * Both actions are optional. Where the report is denied, the keys (only) come from ListAccessKeys and
 * GetAccessKeyLastUsed per user, and password and MFA stay unknown (left out, not false); where those
 * are denied too, the users go without. Each denial warns once per sync.
 */
import {
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetCredentialReportCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  type AccessKeyMetadata,
} from '@aws-sdk/client-iam';
import { mapConcurrent } from '../../../core/concurrency.ts';
import type { ResourceItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import { backoffMs, sleep } from '../provision/backoff.ts';
import { parseCredentialReport, type AccessKeyFacts, type CredentialReport, type IamCredentialFacts, type RootCredentialFacts } from './credential-report-csv.ts';
import { ref } from '../resource-types.ts';
import { listAllPages, type IamScope } from './iam-scope.ts';

export type { AccessKeyFacts, CredentialReport, IamCredentialFacts, RootCredentialFacts } from './credential-report-csv.ts';

/**
 * AWS builds a report in seconds for most accounts, longer for thousands of users. The first Get waits
 * until FIRST_GET_AFTER_MS after Generate answered STARTED or INPROGRESS (a Get before then is a wasted call,
 * one more per account than issue #12's budget allows; the IAM read usually covers most of the wait);
 * polling then starts at one second and grows to eight, and after a minute the sync goes on without it.
 */
const FIRST_GET_AFTER_MS = 2_500;
const REPORT_POLL = { initialMs: 1_000, maxMs: 8_000 };
const REPORT_WAIT_MS = 60_000;

export type CredentialReportHandle = {
  scope: IamScope;
  /** When the first Get is worth sending (epoch ms); undefined when GenerateCredentialReport is denied; rejects on any other failure. */
  readyAt: Promise<number | undefined>;
};

/** Asks AWS to build the account's report; read it with `finishCredentialReport` once the rest of IAM is read. */
export function startCredentialReport(scope: IamScope): CredentialReportHandle {
  const readyAt = scope
    .optional('iam:GenerateCredentialReport', () => scope.iam.send(new GenerateCredentialReportCommand({})))
    .then((answer) => (answer === undefined ? undefined : answer.State === 'COMPLETE' ? Date.now() : Date.now() + FIRST_GET_AFTER_MS));
  // Awaited in finishCredentialReport; until then a failure must not count as unhandled.
  readyAt.catch(() => undefined);
  return { scope, readyAt };
}

export type IamUserName = { arn: string; userName: string };

/**
 * The report's facts, or, where it is denied, the access keys of `users` read one by one; undefined
 * when neither could be read (or the report was not ready in time).
 */
export async function finishCredentialReport(handle: CredentialReportHandle, users: readonly IamUserName[]): Promise<CredentialReport | undefined> {
  const { scope } = handle;
  const readyAt = await handle.readyAt;
  if (readyAt !== undefined && readyAt > Date.now()) await sleep(readyAt - Date.now(), scope.ctx.signal);
  const csv = readyAt !== undefined ? await scope.optional('iam:GetCredentialReport', () => reportWhenReady(scope)) : undefined;
  if (csv === null) {
    scope.ctx.warn({
      code: 'CREDENTIAL_REPORT_NOT_READY',
      message: `The IAM credential report of account ${scope.account.id} was not ready after ${REPORT_WAIT_MS / 1000} s, so its users' MFA, passwords and access keys are not synced this time.`,
      fix: 'Nothing to do: the next sync reads the report AWS finished meanwhile.',
      feature: "IAM users' MFA, passwords and access keys from the credential report",
    });
    return undefined;
  }
  if (csv !== undefined) return parseCredentialReport(csv);
  const keys = await accessKeysOneByOne(scope, users);
  return keys && { users: new Map([...keys].map(([arn, accessKeys]) => [arn, { accessKeys }])) };
}

/** The CSV; null when AWS was still building it after REPORT_WAIT_MS. */
async function reportWhenReady(scope: IamScope): Promise<string | null> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await scope.iam.send(new GetCredentialReportCommand({}));
      return Buffer.from(answer.Content ?? new Uint8Array()).toString('utf8');
    } catch (error) {
      // Expired or gone (another tool's report aged out between our calls): ask for a fresh one.
      if (error instanceof CredentialReportExpiredException || error instanceof CredentialReportNotPresentException) {
        await scope.iam.send(new GenerateCredentialReportCommand({}));
      } else if (!(error instanceof CredentialReportNotReadyException)) throw error;
    }
    const wait = backoffMs(attempt, REPORT_POLL);
    if (Date.now() - started + wait > REPORT_WAIT_MS) return null;
    await sleep(wait, scope.ctx.signal);
  }
}

/** The fallback: ListAccessKeys per user and GetAccessKeyLastUsed per key; undefined once either is denied. */
async function accessKeysOneByOne(scope: IamScope, users: readonly IamUserName[]): Promise<Map<string, AccessKeyFacts[]> | undefined> {
  let denied = false;
  const keysOf = async (user: IamUserName): Promise<AccessKeyFacts[] | undefined> => {
    const listed: AccessKeyMetadata[] = [];
    let marker: string | undefined;
    do {
      if (denied) return undefined;
      const page = await scope.optional('iam:ListAccessKeys', () =>
        scope.iam.send(new ListAccessKeysCommand({ UserName: user.userName, MaxItems: scope.pageSize, ...(marker ? { Marker: marker } : {}) })),
      );
      if (!page) return void (denied = true);
      listed.push(...(page.AccessKeyMetadata ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    const keys: AccessKeyFacts[] = [];
    for (const key of listed.sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0))) {
      if (denied || key.AccessKeyId === undefined) return undefined;
      const id = key.AccessKeyId;
      const used = await scope.optional('iam:GetAccessKeyLastUsed', () => scope.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id })));
      if (!used) return void (denied = true);
      const last = used.AccessKeyLastUsed;
      keys.push({
        id,
        active: key.Status === 'Active',
        lastRotated: key.CreateDate?.toISOString() ?? null,
        lastUsedDate: last?.LastUsedDate?.toISOString() ?? null,
        lastUsedService: notNa(last?.ServiceName),
        lastUsedRegion: notNa(last?.Region),
      });
    }
    return keys;
  };
  const keys = await mapConcurrent(users, scope.inFlight, keysOf);
  if (denied) return undefined;
  return new Map(users.map((u, i) => [u.arn, keys[i] ?? []]));
}

/** GetAccessKeyLastUsed answers `N/A` for a key never used. */
function notNa(value: string | undefined): string | null {
  return value === undefined || value === 'N/A' ? null : value;
}

/**
 * What is merged into an iam_user resource's attributes. Dates, never ages: attributes are part of the
 * content hash, and an age would make a new version of every user every day. Unknowns are left out.
 */
export function credentialAttributes(facts: IamCredentialFacts): Record<string, unknown> {
  return {
    ...(facts.passwordEnabled === undefined ? {} : { passwordEnabled: facts.passwordEnabled }),
    ...(facts.passwordLastUsed === undefined ? {} : { passwordLastUsed: facts.passwordLastUsed }),
    ...(facts.mfaActive === undefined ? {} : { mfaActive: facts.mfaActive }),
    accessKeys: facts.accessKeys,
  };
}

/**
 * Runs an account's IAM read between the report's two calls, holding back its iam_user resources
 * until the report is read, then yields them with their credential facts; returns what the read returns.
 */
export async function* withCredentialFacts<R>(scope: IamScope, read: AsyncGenerator<SyncEvent, R>): AsyncGenerator<SyncEvent, R> {
  const report = startCredentialReport(scope);
  const users: ResourceItem[] = [];
  let next: IteratorResult<SyncEvent, R>;
  while (!(next = await read.next()).done) {
    const event = next.value;
    if (event.kind === 'resource' && event.resourceType === 'iam_user') users.push(event);
    else yield event;
  }
  const names = users.map((u) => ({ arn: u.externalId, userName: String(u.attributes?.userName ?? u.displayName) }));
  const facts = await finishCredentialReport(report, names);
  // The GAAD read leaves passwords' last use out; where the report did not give it either, ListUsers does.
  const unknown = users.some((u) => !('passwordLastUsed' in (u.attributes ?? {})) && facts?.users.get(u.externalId)?.passwordLastUsed === undefined);
  const listed = unknown ? await passwordsLastUsed(scope) : new Map<string, string | null>();
  for (const user of users) {
    const found = facts?.users.get(user.externalId);
    // The per-item read's ListUsers value stays where there is one, so that whether the report was readable
    // does not change it; the GAAD read's users take the report's.
    const own = user.attributes && 'passwordLastUsed' in user.attributes ? { passwordLastUsed: user.attributes.passwordLastUsed } : {};
    const fromList = listed.has(user.externalId) ? { passwordLastUsed: listed.get(user.externalId) } : {};
    yield found || listed.size > 0 ? { ...user, attributes: { ...user.attributes, ...fromList, ...(found ? credentialAttributes(found) : {}), ...own } } : user;
  }
  if (facts?.root) yield rootUserResource(scope.account.id, facts.root);
  return next.value;
}

/**
 * The account's root user as the report's `<root_account>` row describes it: an `iam_root` principal of its
 * own, not attributes of the account resource, which the earlier `accounts` stage stages and which an
 * unfinished IAM stage would take with it when a resumed run drops that stage's items. Always privileged
 * (it may do anything in the account); the reasons add what a reviewer must act on. Yielded only when
 * the report was read: without it nothing about the root user is known.
 */
export function rootUserResource(accountId: string, root: RootCredentialFacts): ResourceItem {
  return {
    kind: 'resource',
    resourceType: 'iam_root',
    externalId: `arn:aws:iam::${accountId}:root`,
    parent: ref('account', accountId),
    displayName: `root user of ${accountId}`,
    attributes: {
      mfaActive: root.mfaActive,
      accessKeysPresent: root.accessKeysPresent,
      activeAccessKeys: root.activeAccessKeys,
      passwordLastUsed: root.passwordLastUsed,
      privileged: true,
      privilegedReasons: [
        'Root user: unrestricted access to the account',
        ...(root.mfaActive ? [] : ['Root user without MFA']),
        ...(root.activeAccessKeys > 0 ? [`Root user with ${root.activeAccessKeys} active access key${root.activeAccessKeys === 1 ? '' : 's'}`] : root.accessKeysPresent ? ['Root user with (inactive) access keys'] : []),
      ],
    },
  };
}

/** Each user's PasswordLastUsed by ARN, from ListUsers (one call per 1,000 users). */
async function passwordsLastUsed(scope: IamScope): Promise<Map<string, string | null>> {
  const users = await listAllPages(scope, 'iam:ListUsers', (Marker) => scope.iam.send(new ListUsersCommand({ MaxItems: scope.pageSize, Marker })), (p) => p.Users);
  return new Map(users.filter((u) => u.Arn !== undefined).map((u) => [u.Arn!, u.PasswordLastUsed?.toISOString() ?? null]));
}
