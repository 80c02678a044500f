/** What a connector's name, owners and settings must be before they are saved. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { RrcuError } from '../core/errors.ts';
import { awsConnectorConfigSchema, type AwsConnectorConfig } from './aws/config.ts';
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

export function parseAwsConfig(raw: Record<string, unknown>): AwsConnectorConfig {
  const parsed = awsConnectorConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'config';
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, `${field}: ${issue.message}${field in raw ? ` (got ${JSON.stringify(raw[field])})` : ''}.`, {
      fix: `Correct ${field} and try again.`,
    });
  }
  const config = parsed.data;
  if (config.crossAccountRoleName && !config.organizations) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, 'Cross-account IAM needs Organizations support: member accounts are found through AWS Organizations.', {
      fix: 'Turn on Organizations support (--organizations), or leave out the cross-account role.',
    });
  }
  if (config.scimEndpoint && !config.identityCenterRegion) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, 'A SCIM endpoint is set but IAM Identity Center is off.', {
      fix: 'Set the Identity Center region (--identity-center-region) too, or leave out the SCIM endpoint.',
    });
  }
  return config;
}

export function parseName(raw: string): string {
  const name = raw.trim();
  if (!NAME.test(name)) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_NAME, `Connector name ${JSON.stringify(raw)} is not allowed.`, {
      fix: 'Use 1–63 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.',
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
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_OWNERS, `Owner ${JSON.stringify(bad)} is not an email address.`, { fix: 'Give each owner as an email address, e.g. alice@example.com.' });
  }
  if (owners.length > MAX_OWNERS) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_OWNERS, `${owners.length} owners were given; a connector has at most ${MAX_OWNERS}.`, { fix: 'Name a group mailbox instead of every person.' });
  }
  return owners;
}

/** A SCIM endpoint and its token come together: one without the other is refused. */
export function checkScimPair(config: AwsConnectorConfig, hasToken: boolean): void {
  if (hasToken && !config.scimEndpoint) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, 'A SCIM token was given without a SCIM endpoint.', { fix: 'Give the SCIM endpoint as well (--scim-endpoint).' });
  }
  if (config.scimEndpoint && !hasToken) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, 'A SCIM endpoint was given without its access token.', { fix: 'Give the token as well (--scim-token-file).' });
  }
}
