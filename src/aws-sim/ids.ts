/**
 * Ids in the formats AWS uses, drawn from the seeded generator (or derived from a hash where another
 * part of the simulator must arrive at the same id on its own, as for the roles Identity Center creates).
 */
import { createRng, hash32, type Rng } from './random.ts';

/** AWS unique ids (`AIDA…`, `AROA…`) and access key ids use upper-case base32. */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The prefixes IAM gives its unique ids: user, group, role, managed policy. */
export type IamIdPrefix = 'AIDA' | 'AGPA' | 'AROA' | 'ANPA';

/** `length` hex digits derived from `input` alone: the same input gives the same digits anywhere. */
export function hashHex(input: string, length: number): string {
  return createRng(hash32(input)).chars(HEX, length);
}

export function createIds(rng: Rng) {
  const uuid = (): string => {
    const h = rng.chars(HEX, 32);
    const variant = HEX[8 + rng.int(0, 3)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return {
    /** 12 digits, never starting with 0 (AWS account ids can, but a leading 0 trips up spreadsheets). */
    accountId: (): string => `${rng.int(1, 9)}${rng.chars('0123456789', 11)}`,
    /** A 21-character IAM unique id such as `AIDAJQABLZS4A3QDU576Q`. */
    iamId: (prefix: IamIdPrefix): string => prefix + rng.chars(BASE32, 17),
    accessKeyId: (): string => 'AKIA' + rng.chars(BASE32, 16),
    secretAccessKey: (): string => rng.chars(SECRET, 40),
    organizationId: (): string => 'o-' + rng.chars(LOWER_ALNUM, 10),
    rootId: (): string => 'r-' + rng.chars(LOWER_ALNUM, 4),
    /** OU ids embed the root's id: `ou-ab12-cd34ef56`. */
    ouId: (rootId: string): string => `ou-${rootId.slice(2)}-${rng.chars(LOWER_ALNUM, 8)}`,
    identityStoreId: (): string => 'd-' + rng.chars(HEX, 10),
    instanceArn: (): string => `arn:aws:sso:::instance/ssoins-${rng.chars(HEX, 16)}`,
    permissionSetArn: (instanceArn: string): string =>
      `arn:aws:sso:::permissionSet/${instanceArn.split('/')[1]}/ps-${rng.chars(HEX, 16)}`,
    uuid,
    /** A secret-looking token such as an External ID or a SCIM bearer token. */
    token: (length: number): string => rng.chars(LOWER_ALNUM + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', length),
  };
}

export type Ids = ReturnType<typeof createIds>;

/**
 * The name of the IAM role Identity Center creates in an account when it provisions a permission set
 * there: `AWSReservedSSO_<PermissionSetName>_<16 hex>`. AWS's suffix is opaque; here it is a hash of
 * the permission set ARN and the account, so the seeder and CreateAccountAssignment agree.
 */
export function ssoReservedRoleName(permissionSet: { name: string; arn: string }, accountId: string): string {
  return `AWSReservedSSO_${permissionSet.name}_${hashHex(`${permissionSet.arn}|${accountId}`, 16)}`;
}

/** Outside us-east-1, AWS puts the instance's region in the path of the roles it creates. */
export function ssoReservedRolePath(region: string): string {
  return region === 'us-east-1' ? '/aws-reserved/sso.amazonaws.com/' : `/aws-reserved/sso.amazonaws.com/${region}/`;
}

/** The SAML provider Identity Center creates in each account it provisions to. */
export function ssoSamlProviderName(instanceArn: string, accountId: string): string {
  return `AWSSSO_${hashHex(`${instanceArn}|${accountId}`, 16)}_DO_NOT_DELETE`;
}

/** A role id (`AROA…`) derived from the role's ARN, for roles created outside the seeder's generator. */
export function derivedIamId(prefix: IamIdPrefix, arn: string): string {
  return prefix + createRng(hash32(arn)).chars(BASE32, 17);
}
