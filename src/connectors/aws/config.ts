import { z } from 'zod';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
// AWS's constraint on sts:ExternalId (AssumeRole API reference).
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** The non-secret settings of an `aws` connector, stored in `connectors.config`. */
export const awsConnectorConfigSchema = z.object({
  /** The role RRCU assumes; without it, the default AWS credential chain is used as is. */
  roleArn: z
    .string()
    .trim()
    .regex(ROLE_ARN, 'must be an IAM role ARN like arn:aws:iam::123456789012:role/RRCUIntegration')
    .optional(),
  externalId: z.string().trim().regex(EXTERNAL_ID, 'must be 2–1224 characters of letters, digits and +=,.@:/-'),
  /** List every account of the organisation (the role must be in the management account). */
  organizations: z.boolean().default(false),
  /** The region of the IAM Identity Center instance; absent means Identity Center is off. */
  identityCenterRegion: z.string().trim().regex(REGION, 'must be an AWS region such as us-east-1').optional(),
  /** The SCIM endpoint of Identity Center, e.g. https://scim.us-east-1.amazonaws.com/<tenant>/scim/v2. */
  scimEndpoint: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  /** Assume this role in every member account to sync its IAM too; absent means only the management account's IAM. */
  crossAccountRoleName: z.string().trim().regex(ROLE_NAME, 'must be an IAM role name').optional(),
  /** Where the AWS APIs are (the built-in simulator); absent means AWS itself. */
  endpoint: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  /** The tag whose value (an email) names a resource's owner, where the sync reads tags; owners set in RRCU count too. */
  ownerTag: z.string().trim().regex(/^[\w.:/=+@ -]{1,128}$/, 'must be an AWS tag key (1–128 letters, digits, spaces and _.:/=+-@)').optional(),
  /** The region for STS, IAM and Organizations calls. */
  region: z.string().trim().regex(REGION, 'must be an AWS region such as us-east-1').default('us-east-1'),
});

export type AwsConnectorConfig = z.infer<typeof awsConnectorConfigSchema>;

type ConfigShape = typeof awsConnectorConfigSchema.shape;
/** A setting's own rule, without its default or its being optional. */
type Bare<T> = T extends z.ZodDefault<infer U> ? Bare<U> : T extends z.ZodOptional<infer U> ? Bare<U> : T;

/**
 * Each setting's own rule (role ARN, region and URL formats), without the defaults and optionality of a
 * saved config: what a caller may give for the field. The API's request and answer schemas are built
 * from these, so a setting is declared once, here.
 */
export const awsConfigFields = Object.fromEntries(
  Object.entries(awsConnectorConfigSchema.shape).map(([key, field]) => {
    let bare: z.ZodType = field;
    while (bare instanceof z.ZodDefault || bare instanceof z.ZodOptional) bare = bare.unwrap() as z.ZodType;
    return [key, bare];
  }),
) as { [K in keyof ConfigShape]: Bare<ConfigShape[K]> };

/** Secrets of an `aws` connector, stored encrypted in `connectors.secrets_ciphertext`. */
export const awsConnectorSecretsSchema = z.object({
  scimToken: z.string().min(1).max(4096).optional(),
});

export type AwsConnectorSecrets = z.infer<typeof awsConnectorSecretsSchema>;

export const DEFAULT_CROSS_ACCOUNT_ROLE = 'OrganizationAccountAccessRole';
