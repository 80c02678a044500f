/**
 * The IAM credential report: GenerateCredentialReport starts one (STARTED), the next call finds it done
 * (COMPLETE), and GetCredentialReport returns it as base64 CSV with AWS's columns. Like AWS's, the report
 * is ready a few seconds after it started even without another Generate call, so a client that polls
 * GetCredentialReport gets it too. It is a snapshot of the moment generation started; a new one is
 * generated once it is four hours old.
 */
import { AwsError } from '../../service.ts';
import type { CallContext } from '../../service.ts';
import type { IamAccount, IamUser, SimState } from '../../state.ts';
import { iamOf } from './common.ts';
import { accessKeysOf } from './access-keys.ts';

export const CREDENTIAL_REPORT_COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed',
  'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
] as const;

/** AWS allows a new report once the last is four hours old, and reports older than that as expired. */
const REPORT_LIFETIME_MS = 4 * 3600_000;
/** How long generation takes on the simulated clock when nobody calls Generate again. */
const REPORT_GENERATION_MS = 2_000;

/** The report writes times as ISO-8601 with an explicit UTC offset and no milliseconds. */
function reportTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function keyColumns(key: ReturnType<typeof accessKeysOf>[number] | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const used = key.lastUsed;
  return [
    String(key.status === 'Active'), reportTime(key.createDate),
    used ? reportTime(used.date) : 'N/A', used?.region ?? 'N/A', used?.serviceName ?? 'N/A',
  ];
}

function userRow(state: SimState, accountId: string, user: IamUser): string[] {
  const keys = accessKeysOf(state, accountId, user);
  const password = user.password;
  return [
    user.userName, user.arn, reportTime(user.createDate), String(password !== undefined),
    // A user without a password may still show a last use from before it was removed, as AWS keeps it.
    user.passwordLastUsed ? reportTime(user.passwordLastUsed) : password ? 'no_information' : 'N/A',
    password ? reportTime(password.lastChanged) : 'N/A',
    'N/A', String(user.mfaActive === true),
    ...keyColumns(keys[0]), ...keyColumns(keys[1]),
    'false', 'N/A', 'false', 'N/A',
  ];
}

function rootRow(state: SimState, accountId: string, iam: IamAccount): string[] {
  const created = state.accounts.get(accountId)?.joinedTimestamp ?? new Date(0);
  const root = iam.root ?? { mfaActive: true };
  return [
    '<root_account>', `arn:aws:iam::${accountId}:root`, reportTime(created), 'not_supported',
    root.passwordLastUsed ? reportTime(root.passwordLastUsed) : 'no_information', 'not_supported', 'not_supported', String(root.mfaActive),
    'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A',
  ];
}

/** The report's CSV: the header, the root user, then every IAM user by name. */
export function credentialReportCsv(state: SimState, accountId: string, iam: IamAccount): string {
  const users = [...iam.users.values()].sort((a, b) => (a.userName < b.userName ? -1 : a.userName > b.userName ? 1 : 0));
  const rows = [[...CREDENTIAL_REPORT_COLUMNS], rootRow(state, accountId, iam), ...users.map((u) => userRow(state, accountId, u))];
  return rows.map((r) => r.join(',')).join('\n');
}

function generateCredentialReport(ctx: CallContext) {
  ctx.authorize('iam:GenerateCredentialReport', '*');
  const iam = iamOf(ctx);
  const report = iam.credentialReport;
  const now = ctx.now();
  if (report && now - report.generatedTime.getTime() < REPORT_LIFETIME_MS) {
    report.complete = true;
    return { State: 'COMPLETE' };
  }
  const generatedTime = new Date(now - (now % 1000));
  iam.credentialReport = { generatedTime, complete: false, csv: credentialReportCsv(ctx.state, ctx.caller.accountId, iam) };
  return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
}

function getCredentialReport(ctx: CallContext) {
  ctx.authorize('iam:GetCredentialReport', '*');
  const report = iamOf(ctx).credentialReport;
  if (!report) {
    throw new AwsError('ReportNotPresent', 'Credential report does not exist. Use GenerateCredentialReport to generate a credential report.', 410);
  }
  if (!report.complete && ctx.now() - report.generatedTime.getTime() >= REPORT_GENERATION_MS) report.complete = true;
  if (!report.complete) throw new AwsError('ReportInProgress', 'Credential report generation is in progress. Try again later.', 404);
  if (ctx.now() - report.generatedTime.getTime() >= REPORT_LIFETIME_MS) {
    throw new AwsError('ReportExpired', 'Credential report is expired. Use GenerateCredentialReport to generate a new credential report.', 410);
  }
  return { Content: Buffer.from(report.csv, 'utf8').toString('base64'), ReportFormat: 'text/csv', GeneratedTime: report.generatedTime };
}

export const credentialReportOperations = {
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
};
