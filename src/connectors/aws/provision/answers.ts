/** How AWS's answers to a provisioning call become RRCU's errors, and what a call is sent with. */
import { isRrcuError, RrcuError } from '../../../core/errors.ts';
import { AWS_ERRORS, type Caller, classifyAwsError } from '../errors.ts';
import type { AwsConnectorConfig } from '../config.ts';
import type { ProvisionScope } from './scope.ts';

type NamedError = Error & { $metadata?: { requestId?: string } };

export const awsErrorName = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

const NOT_FOUND = ['ResourceNotFoundException', 'NoSuchEntity', 'NoSuchEntityException'];

/** AWS answered that the group, user, permission set or membership asked about does not exist (raw, or as an RrcuError's cause). */
export function isNotFound(error: unknown): boolean {
  const raw = isRrcuError(error) ? error.cause : error;
  return NOT_FOUND.includes(awsErrorName(raw) ?? '');
}

/** The `x-amzn-RequestId` of an SDK answer. */
export const requestIdOf = (output: { $metadata?: { requestId?: string } }): string | undefined => output.$metadata?.requestId;

export function notFoundInAws(what: string, cause?: unknown): RrcuError {
  const said = cause instanceof Error ? ` (AWS: ${(cause as NamedError).message})` : '';
  return new RrcuError(AWS_ERRORS.NOT_FOUND_IN_AWS, `${what} does not exist in AWS${said}.`, {
    fix: 'It was deleted or renamed in AWS since the last sync: sync the connector again and pick the current one.',
    cause,
  });
}

/** Runs one AWS call; any failure is thrown as RRCU's error naming `action` (and, when denied, its policy line). */
export async function call<T>(scope: ProvisionScope, action: string, send: () => Promise<T>, as?: { config: AwsConnectorConfig; caller: Caller }): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw classify(scope, action, error, as);
  }
}

export function classify(scope: Pick<ProvisionScope, 'session' | 'signal'>, action: string, error: unknown, as?: { config: AwsConnectorConfig; caller: Caller }): RrcuError {
  if (scope.signal?.aborted) throw scope.signal.reason;
  return classifyAwsError(error, { action, config: as?.config ?? scope.session.config, caller: as?.caller ?? scope.session.caller });
}

/**
 * Reads a change back after making it. A denied (or otherwise failed) read-back leaves the change
 * unverified rather than failing a task whose change AWS accepted; the next sync still observes it.
 */
export async function verifiedBy(scope: ProvisionScope, shows: () => Promise<boolean>): Promise<boolean> {
  try {
    return await shows();
  } catch (error) {
    if (scope.signal?.aborted) throw error;
    return false;
  }
}

/** Options for `client.send`, so an abandoned task stops its HTTP call too. */
export const sendOptions = (scope: Pick<ProvisionScope, 'signal'>) => (scope.signal ? { abortSignal: scope.signal } : {});
