export type TrustPolicy = {
  Version: '2012-10-17';
  Statement: [{ Effect: 'Allow'; Principal: { AWS: string }; Action: 'sts:AssumeRole'; Condition: { StringEquals: { 'sts:ExternalId': string } } }];
};

/**
 * The connector role's trust policy: only the identity RRCU runs as, and only with the connector's
 * External ID (the confused-deputy guard AWS recommends for third-party access).
 */
export function trustPolicy(principalArn: string, externalId: string): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principalArn },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  };
}

/**
 * The principal to trust for the identity GetCallerIdentity returns. A role session
 * (`arn:aws:sts::123:assumed-role/Name/session`) is trusted through its role's ARN; the role's path is
 * not in the session ARN, so a role with a path must be written with it by hand.
 */
export function trustedPrincipalFor(callerArn: string): string {
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  if (session) return `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  return callerArn;
}
