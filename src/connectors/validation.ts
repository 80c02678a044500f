/** What a connector's name, owners and settings must be before they are saved. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { RrcuError } from '../core/errors.ts';
import { awsConfigFields, awsConnectorConfigSchema, type AwsConnectorConfig } from './aws/config.ts';
import { CONNECTOR_ERRORS } from './errors.ts';

const NAME = /^[A-Za-z0-9][\w .-]{0,62}$/;

/** 32 characters from a 62-letter alphabet: about 190 bits, well past the 32+ characters asked for. */
export function generateExternalId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  while (out.length < 32) {
    for (const byte of randomBytes(48)) if (byte < 248 && out.length < 32) out += alphabet[byte % 62];
  }
  return out;
}

/** The settings as read from a saved connector: any of them may be missing when what was saved could not be read. */
export type StoredAwsConfig = Partial<AwsConnectorConfig>;

/** The rules that span settings, each naming the field it refuses. */
const CROSS_FIELD_RULES: { field: keyof AwsConnectorConfig; broken: (config: StoredAwsConfig) => boolean; message: string; fix: string }[] = [
  {
    field: 'crossAccountRoleName',
    broken: (config) => Boolean(config.crossAccountRoleName && !config.organizations),
    message: 'Cross-account IAM needs Organizations support: member accounts are found through AWS Organizations.',
    fix: 'Turn on Organizations support (--organizations), or leave out the cross-account role.',
  },
  {
    field: 'scimEndpoint',
    broken: (config) => Boolean(config.scimEndpoint && !config.identityCenterRegion),
    message: 'A SCIM endpoint is set but IAM Identity Center is off.',
    fix: 'Set the Identity Center region (--identity-center-region) too, or leave out the SCIM endpoint.',
  },
];

export function parseAwsConfig(raw: Record<string, unknown>): AwsConnectorConfig {
  const parsed = awsConnectorConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.');
    const field = path || 'config';
    const problem = `${issue.message}${field in raw ? ` (got ${JSON.stringify(raw[field])})` : ''}.`;
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, `${field}: ${problem}`, {
      fix: `Correct ${field} and try again.`,
      // The settings sit under `config` in the API's body.
      fields: [{ field: path ? `config.${path}` : 'config', message: problem }],
    });
  }
  const broken = CROSS_FIELD_RULES.find((rule) => rule.broken(parsed.data));
  if (broken) throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, broken.message, { fix: broken.fix, fields: [`config.${broken.field}`] });
  return parsed.data;
}

/** A saved setting that today's rules refuse: its field in the API's terms (`config.region`) and why. */
export const configProblemSchema = z.object({
  field: z.string().describe("The setting, as the API names it in a request's body (config.region)"),
  message: z.string().describe("What today's rules refuse in its saved value"),
});
export type ConfigProblem = z.infer<typeof configProblemSchema>;

/**
 * A saved connector's settings read leniently, setting by setting, with what today's rules refuse in them.
 * A config saved under older or looser rules (a rule tightened by an upgrade, a value edited in the
 * database, a setting since renamed) must not make the connector unreadable, or every list of connectors
 * fails with it and the screen that would fix it is locked. A setting that passes its rule is read as
 * saving it would (trimmed, defaulted); one that fails keeps its saved value when that is at least of the
 * setting's type, so the operator sees what to correct, and is left out otherwise. Settings RRCU does not
 * know are ignored, as saving ignores them. Nothing with problems may sync or provision (`usableConfig`).
 */
export function readStoredConfig(raw: unknown): { config: StoredAwsConfig; problems: ConfigProblem[] } {
  const saved: Record<string, unknown> = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const config: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [key, rule] of Object.entries(awsConnectorConfigSchema.shape) as [keyof AwsConnectorConfig, z.ZodType][]) {
    const value = saved[key];
    const read = rule.safeParse(value);
    if (read.success) {
      if (read.data !== undefined) config[key] = read.data;
      continue;
    }
    if (typeof value === awsConfigFields[key]._zod.def.type) config[key] = value;
    problems.push({ field: `config.${key}`, message: value === undefined ? 'is missing' : `${read.error.issues[0]!.message} (saved: ${JSON.stringify(value).slice(0, 200)})` });
  }
  // Each key set above passed its rule or at least has its setting's type.
  const stored = config as StoredAwsConfig;
  for (const rule of CROSS_FIELD_RULES) if (rule.broken(stored)) problems.push({ field: `config.${rule.field}`, message: `${rule.message} ${rule.fix}` });
  return { config: stored, problems };
}

export function parseName(raw: string): string {
  const name = raw.trim();
  if (!NAME.test(name)) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_NAME, `Connector name ${JSON.stringify(raw)} is not allowed.`, {
      fix: 'Use 1–63 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.',
      fields: ['name'],
    });
  }
  return name;
}

const MAX_OWNERS = 50;
const ownerEmail = z.email();

/** Owners as emails, trimmed, lower-cased (emails are matched to people case-insensitively) and without repeats. */
export function parseOwners(raw: readonly string[]): string[] {
  const owners = [...new Set(raw.map((o) => o.trim().toLowerCase()))];
  const bad = owners.find((o) => o.length > 254 || !ownerEmail.safeParse(o).success);
  if (bad !== undefined) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_OWNERS, `Owner ${JSON.stringify(bad)} is not an email address.`, { fix: 'Give each owner as an email address, e.g. alice@example.com.', fields: ['owners'] });
  }
  if (owners.length > MAX_OWNERS) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_OWNERS, `${owners.length} owners were given; a connector has at most ${MAX_OWNERS}.`, { fix: 'Name a group mailbox instead of every person.', fields: ['owners'] });
  }
  return owners;
}

/** A SCIM endpoint and its token come together: one without the other is refused. */
export function checkScimPair(config: AwsConnectorConfig, hasToken: boolean): void {
  if (hasToken && !config.scimEndpoint) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, 'A SCIM token was given without a SCIM endpoint.', { fix: 'Give the SCIM endpoint as well (--scim-endpoint).', fields: ['config.scimEndpoint'] });
  }
  if (config.scimEndpoint && !hasToken) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, 'A SCIM endpoint was given without its access token.', { fix: 'Give the token as well (--scim-token-file).', fields: ['scimToken'] });
  }
}
