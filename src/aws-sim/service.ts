/**
 * The contract between the simulator's HTTP front (protocols, signing, policy, throttling, faults)
 * and its service handlers (STS, IAM, Organizations, Identity Store, SSO Admin, SCIM).
 *
 * A handler receives the parsed input with AWS's member names (`UserName`, `MaxResults`, …) and
 * returns the output shape with AWS's member names. It never sees HTTP: the front serialises the
 * result for the service's protocol (awsQuery XML for IAM and STS, awsJson1_1 otherwise) and turns
 * a thrown `AwsError` into the error body that protocol uses, so the SDK classifies it as AWS would.
 *
 * Values in results: `Date` (the front writes ISO-8601 in XML, epoch seconds in JSON), arrays
 * (`<member>` elements in XML), plain objects, strings, numbers, booleans; `undefined` members
 * are left out.
 */
import type { AccessKey, SimState } from './state.ts';

export type ServiceName = 'sts' | 'iam' | 'organizations' | 'identitystore' | 'sso' | 'scim';

export class AwsError extends Error {
  /**
   * @param code AWS's error code as the service returns it (`NoSuchEntity`, `AccessDeniedException`, …).
   * @param status the HTTP status AWS answers with.
   * @param fields extra members of the error body (e.g. `Reason` for a Conflict), JSON protocols only.
   */
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

/** Who signed the request, resolved from the access key in the SigV4 `Authorization` header. */
export type Caller = {
  key: AccessKey;
  accountId: string;
  /** `arn:aws:iam::123…:user/alice`, `arn:aws:sts::123…:assumed-role/Role/session`, or `arn:aws:iam::123…:root`. */
  arn: string;
  /** GetCallerIdentity's `UserId`: `AIDA…` for a user, `AROA…:session` for a role session, the account id for root. */
  userId: string;
};

/** Tunables every handler may read; the front owns the rest of the simulator's options. */
export type HandlerOptions = {
  /** How long CreateAccountAssignment / DeleteAccountAssignment / ProvisionPermissionSet stay IN_PROGRESS. */
  assignmentDelayMs: number;
  /** How long Organizations CreateAccount stays IN_PROGRESS. */
  createAccountDelayMs: number;
};

export type CallContext = {
  state: SimState;
  caller: Caller;
  /** The region from the request's credential scope (IAM and STS sign for us-east-1). */
  region: string;
  service: ServiceName;
  operation: string;
  requestId: string;
  options: HandlerOptions;
  /** Milliseconds since the epoch; the simulator's clock, so tests can move time. */
  now(): number;
  /**
   * Throws the service's access-denied error naming the action, caller and resource, as AWS words it,
   * unless the caller's identity policies allow `action` (e.g. `iam:GetGroup`) on `resource` (an ARN,
   * `*` when omitted).
   */
  authorize(action: string, resource?: string): void;
};

export type OperationHandler = (ctx: CallContext, input: Record<string, unknown>) => unknown;

export type ServiceDefinition = {
  name: ServiceName;
  /** Operation name (`ListUsers`) → handler. */
  operations: Record<string, OperationHandler>;
};
