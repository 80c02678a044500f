import { describe, expect, test } from 'vitest';
import { AWS_ERRORS } from '../connectors/index.ts';
import { RrcuError } from '../core/errors.ts';
import { STORE_ERRORS } from '../store/index.ts';
import { isResumableSyncFailure } from './resumable.ts';

const awsError = (status: number) => new RrcuError(AWS_ERRORS.AWS_ERROR, 'failed', { cause: { $metadata: { httpStatusCode: status } } });

describe('which failed syncs keep their staging for the next sync to resume', () => {
  test('throttling, AWS 5xx, network and timeouts, SCIM throttling and 5xx, an expired session and a lost database connection are resumable', () => {
    const { THROTTLED, AWS_UNREACHABLE, AWS_CREDENTIALS_EXPIRED, SCIM_UNAVAILABLE, SCIM_UNREACHABLE } = AWS_ERRORS;
    for (const code of [THROTTLED, AWS_UNREACHABLE, AWS_CREDENTIALS_EXPIRED, SCIM_UNAVAILABLE, SCIM_UNREACHABLE, STORE_ERRORS.DATABASE_CONNECTION_LOST]) {
      expect(isResumableSyncFailure(new RrcuError(code, 'x')), code.code).toBe(true);
    }
    expect(isResumableSyncFailure(awsError(503))).toBe(true);
  });

  test('settings, permissions, AWS 4xx and errors RRCU has no name for (a bug) are not: the next sync starts over', () => {
    const { ACTION_DENIED, ROLE_NOT_ASSUMABLE, SCIM_TOKEN_REJECTED, SCIM_REQUEST_FAILED, SCIM_UNEXPECTED_RESPONSE } = AWS_ERRORS;
    const unnamed = { code: 'INTERNAL', kind: 'internal' } as const;
    for (const code of [ACTION_DENIED, ROLE_NOT_ASSUMABLE, SCIM_TOKEN_REJECTED, SCIM_REQUEST_FAILED, SCIM_UNEXPECTED_RESPONSE, STORE_ERRORS.DATABASE_ERROR, unnamed]) {
      expect(isResumableSyncFailure(new RrcuError(code, 'x')), code.code).toBe(false);
    }
    expect(isResumableSyncFailure(awsError(400))).toBe(false);
    expect(isResumableSyncFailure(new RrcuError(AWS_ERRORS.AWS_ERROR, 'no status'))).toBe(false);
    expect(isResumableSyncFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isResumableSyncFailure('a string')).toBe(false);
  });
});
