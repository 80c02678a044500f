import { z } from 'zod';

/**
 * A request policy: what may be requested, by whom, who approves, for how long, and when it is approved
 * without a person (auto-approval) or by the requester alone (break-glass). Administrators write them in the
 * web UI, through the API, or as JSON/YAML files applied with `rrcu policy apply FILE` (so they can live in
 * git); the document below is the one shape all three use. Names (groups, permission sets, accounts, people)
 * are resolved against the connector's inventory when a request is evaluated, not when the policy is saved,
 * so a policy may name a group that the next sync brings.
 *
 * Rules that decide with these documents (pure, in this folder; docs/access-requests.md states them):
 * `evaluate.ts` — eligibility, approvers, the most restrictive of several policies, auto-approval windows in
 * a time zone (`time-window.ts`), self-approval refusal; `approvals.ts`, `lifecycle.ts`, `expiry.ts`.
 */

const name = (what: string, max = 300) => z.string().trim().min(1, `${what} is empty`).max(max, `${what} is longer than ${max} characters`);

/** An account by its 12-digit id or its name as synced. */
const accountRef = name('account', 200);

/**
 * What the policy makes requestable. A permission set on accounts (named, every account of an OU path where
 * OU paths are synced, or every account: `accounts: '*'`), an Identity Center group's membership, or an IAM
 * group's membership (the group by name or ARN; a name found in several accounts needs its account).
 */
export const requestableSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('permission_set'),
    /** The permission set's name or ARN. */
    permissionSet: name('permission set'),
    /** The accounts it may be requested on: ids or names, or `*` for every account. */
    accounts: z.union([z.literal('*'), z.array(accountRef).min(1).max(1000)]).default('*'),
    /**
     * Or every account under these OU paths (`Root/Workloads/Dev`: that OU and those below it, on whole names,
     * case-insensitive), where the sync reads OU paths. They narrow `accounts: '*'` to those OUs; with a list of
     * accounts, the two add up. An account whose path was not synced is under none.
     */
    ouPaths: z.array(name('OU path', 1000)).max(100).optional(),
  }),
  z.object({ kind: z.literal('sso_group'), /** Identity Center group by display name or GroupId. */ group: name('group') }),
  z.object({
    kind: z.literal('iam_group'),
    /** IAM group by name or ARN. */
    group: name('group'),
    /** The account of a group named by name where several accounts have one of that name. */
    account: accountRef.optional(),
  }),
]);
export type Requestable = z.output<typeof requestableSchema>;

/** One synced enterprise attribute to match (`department`, `title`, `division`, `costCenter`…), case-insensitive. */
const attributeMatchSchema = z.object({
  attribute: name('attribute', 100),
  /** Any of these values matches. */
  equals: z.array(name('value')).min(1).max(100),
});

/**
 * Who may request. A person is eligible when any line matches: `everyone`, membership (as last synced) of a
 * named Identity Center group, being named (by email), or an enterprise attribute's value.
 */
export const eligibilitySchema = z.object({
  everyone: z.boolean().default(false),
  ssoGroups: z.array(name('group')).max(100).default([]),
  /** People by email. */
  people: z.array(name('email', 320)).max(1000).default([]),
  attributes: z.array(attributeMatchSchema).max(20).default([]),
});

/**
 * An approver source: named people (by email); members of an RRCU role (`connector_admin`, `super_admin`…) or
 * of an Identity Center group (as last synced); the owner(s) of the requested resource (src/ownership): set
 * in RRCU always, read from the connector's owner tag only with `includeTagOwners` (as in reviews: anyone
 * allowed to tag the resource in AWS could name themselves its approver); the requester's manager (from the
 * synced enterprise attributes).
 */
export const approverSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('people'), emails: z.array(name('email', 320)).min(1).max(100) }),
  z.object({ kind: z.literal('rrcu_role'), role: z.enum(['auditor', 'connector_admin', 'super_admin']) }),
  z.object({ kind: z.literal('sso_group'), group: name('group') }),
  z.object({ kind: z.literal('owner'), includeTagOwners: z.boolean().default(false) }),
  z.object({ kind: z.literal('manager') }),
]);
export type ApproverSource = z.output<typeof approverSourceSchema>;

/** One approval step: `approvals` distinct approvers from these sources, none of them the requester. */
export const approvalStepSchema = z.object({
  approvers: z.array(approverSourceSchema).min(1).max(20),
  approvals: z.number().int().min(1).max(10).default(1),
});

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM, 00:00 to 23:59');

/** Days and hours in a time zone (IANA name, e.g. `Europe/Berlin`); `to` is exclusive and may be before `from` (overnight). */
export const timeWindowSchema = z.object({
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone (e.g. Europe/Berlin)'),
  days: z.array(z.enum(DAY_NAMES)).min(1).max(7).default(['mon', 'tue', 'wed', 'thu', 'fri']),
  from: clock,
  to: clock,
});

/**
 * When a request is approved at once, with no person: every condition given must hold — the permission set is
 * one of these (names or ARNs), the account carries every listed tag with one of its values (as last synced;
 * keys and values exactly, as AWS compares them), and the request is made inside the window. A rule with no
 * condition approves every request of the policy; a permission set or tag condition never approves a group.
 */
export const autoApprovalRuleSchema = z.object({
  permissionSets: z.array(name('permission set')).max(100).optional(),
  accountTags: z.record(name('tag'), z.array(name('tag value')).min(1).max(50)).optional(),
  window: timeWindowSchema.optional(),
});

const minutes = (what: string) => z.number().int(`${what} is whole minutes`).min(5, `${what} is at least 5 minutes`).max(60 * 24 * 90, `${what} is at most 90 days`);

export const requestPolicyDocumentSchema = z
  .object({
    /** Unique per connector; what the request page names ("policy Production read-only applies"). */
    name: name('name', 200),
    description: z.string().trim().max(2000).default(''),
    /** The connector's name or id. */
    connector: name('connector', 200),
    requestable: z.array(requestableSchema).min(1).max(200),
    eligibility: eligibilitySchema,
    /** Ordered steps; one step with `approvals: n` is "n approvals". Empty only with auto-approval for every request. */
    approvalSteps: z.array(approvalStepSchema).max(5).default([]),
    maxDurationMinutes: minutes('maxDurationMinutes'),
    defaultDurationMinutes: minutes('defaultDurationMinutes'),
    justificationRequired: z.boolean().default(true),
    ticket: z
      .object({
        required: z.boolean().default(false),
        /** A regular expression the whole reference must match (e.g. `^(OPS|SEC)-\\d+$`). */
        pattern: z
          .string()
          .max(200)
          .refine((p) => {
            try {
              new RegExp(p, 'u');
              return true;
            } catch {
              return false;
            }
          }, 'not a valid regular expression')
          .optional(),
      })
      .default({ required: false }),
    autoApproval: z.array(autoApprovalRuleSchema).max(20).default([]),
    /** Self-approved emergency access with a mandatory justification, flagged and reviewed after the fact by the approvers. */
    breakGlass: z.object({ allowed: z.boolean().default(false), maxDurationMinutes: minutes('breakGlass.maxDurationMinutes').optional() }).default({ allowed: false }),
    /** A request nobody decides in this many hours times out. */
    pendingTimeoutHours: z.number().int().min(1).max(24 * 30).default(72),
  })
  .superRefine((p, ctx) => {
    if (p.defaultDurationMinutes > p.maxDurationMinutes) {
      ctx.addIssue({ code: 'custom', path: ['defaultDurationMinutes'], message: 'is longer than maxDurationMinutes' });
    }
    if (p.approvalSteps.length === 0 && !p.autoApproval.some((r) => !r.permissionSets && !r.accountTags && !r.window)) {
      ctx.addIssue({ code: 'custom', path: ['approvalSteps'], message: 'is empty: give an approval step, or an auto-approval rule with no condition' });
    }
  });

export type RequestPolicyDocument = z.output<typeof requestPolicyDocumentSchema>;
export type RequestPolicyInput = z.input<typeof requestPolicyDocumentSchema>;
