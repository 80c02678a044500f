/**
 * The errors the simulator's front raises before (or instead of) a service handler, in each service's
 * own vocabulary: IAM and STS (awsQuery) and the JSON services name the same failure differently, and
 * the SDK's retry logic keys on those names (`Throttling`, `ThrottlingException`,
 * `TooManyRequestsException`) and on the status.
 */
import { AwsError } from '../service.ts';
import type { ServiceName } from '../service.ts';

export type FrontFailure =
  | 'missing-authentication'
  | 'unknown-key'
  | 'bad-signature'
  | 'signature-expired'
  | 'signature-not-yet-current'
  | 'expired-token'
  | 'throttled'
  | 'internal-failure'
  | 'service-unavailable'
  | 'unknown-operation';

export function isQueryService(service: ServiceName): boolean {
  return service === 'iam' || service === 'sts';
}

/** How far, in minutes, a request's signing time may be from the service's clock (see `signingTimeFailure`). */
export function signingWindowMinutes(service: ServiceName): number {
  return isQueryService(service) ? 15 : 5;
}

/** XML namespaces of the awsQuery services. */
export const QUERY_NAMESPACES: Partial<Record<ServiceName, string>> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Marks errors whose JSON body uses lowercase `message`, as AWS's front door writes them. */
export class FrontError extends AwsError {}

export function frontError(service: ServiceName, failure: FrontFailure, detail = ''): AwsError {
  const query = isQueryService(service);
  switch (failure) {
    case 'missing-authentication':
      return query
        ? new FrontError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403)
        : new FrontError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
    case 'unknown-key':
      return query
        ? new FrontError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403)
        : new FrontError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
    case 'bad-signature':
      return query
        ? new FrontError('SignatureDoesNotMatch', SIGNATURE_MISMATCH, 403)
        : new FrontError('InvalidSignatureException', SIGNATURE_MISMATCH, 400);
    case 'signature-expired':
    case 'signature-not-yet-current':
      // The signature's own code, with the timing AWS quotes (`detail`).
      return query ? new FrontError('SignatureDoesNotMatch', detail, 403) : new FrontError('InvalidSignatureException', detail, 400);
    case 'expired-token':
      return query
        ? new FrontError('ExpiredToken', 'The security token included in the request is expired', 403)
        : new FrontError('ExpiredTokenException', 'The security token included in the request is expired', 400);
    case 'throttled':
      // IAM and STS answer 400 `Throttling`. Organizations names it TooManyRequestsException, with a
      // `Type`, and its model gives 429.
      if (query) return new AwsError('Throttling', 'Rate exceeded', 400);
      if (service === 'organizations') {
        return new AwsError(
          'TooManyRequestsException',
          'AWS Organizations can\'t complete your request because it received too many requests in a short period of time. Try again later.',
          429,
          { Type: 'TooManyRequests' },
        );
      }
      return identityCenterThrottling('Rate exceeded');
    case 'internal-failure':
      return new AwsError(query ? 'ServiceFailure' : 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
    case 'service-unavailable':
      return new AwsError('ServiceUnavailable', 'Service is unavailable. Try again later.', 503);
    case 'unknown-operation':
      return query
        ? new FrontError('InvalidAction', `Could not find operation ${detail} for version ${service === 'iam' ? '2010-05-08' : '2011-06-15'}`, 400)
        : new FrontError('UnknownOperationException', `The operation ${detail} is not supported by this simulator.`, 400);
  }
}

/**
 * Identity Store and SSO Admin throttling. Their models give ThrottlingException a 429, but the
 * services answer 400, as AWS's JSON services commonly do (callers log "ThrottlingException … status
 * code: 400", e.g. aws-samples/aws-iam-identity-center-extensions#87 for the in-flight quota). The SDK
 * still retries it as throttling: it goes by the error code (`ThrottlingException` is one of its
 * throttling codes), not only by a 429.
 */
export function identityCenterThrottling(message: string): AwsError {
  return new AwsError('ThrottlingException', message, 400);
}

/** The access-denied error of each protocol; the wording is AWS's for identity-policy denials. */
export function accessDenied(service: ServiceName, message: string): AwsError {
  return isQueryService(service) ? new AwsError('AccessDenied', message, 403) : new AwsError('AccessDeniedException', message, 403);
}
