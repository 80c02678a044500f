import { describe, expect, test } from 'vitest';
import { RrcuError } from '../core/errors.ts';
import { isResumableSyncFailure } from './resumable.ts';

const awsError = (status: number) => new RrcuError('AWS_ERROR', 'failed', { cause: { $metadata: { httpStatusCode: status } } });

describe('which failed syncs keep their staging for the next sync to resume', () => {
  test('throttling, AWS 5xx, network and timeouts, SCIM throttling and 5xx, an expired session and a lost database connection are resumable', () => {
    for (const code of ['THROTTLED', 'AWS_UNREACHABLE', 'AWS_CREDENTIALS_EXPIRED', 'SCIM_UNAVAILABLE', 'SCIM_UNREACHABLE', 'DATABASE_CONNECTION_LOST']) {
      expect(isResumableSyncFailure(new RrcuError(code, 'x')), code).toBe(true);
    }
    expect(isResumableSyncFailure(awsError(503))).toBe(true);
  });

  test('settings, permissions, AWS 4xx and errors RRCU has no name for (a bug) are not: the next sync starts over', () => {
    for (const code of ['ACTION_DENIED', 'ROLE_NOT_ASSUMABLE', 'SCIM_TOKEN_REJECTED', 'SCIM_REQUEST_FAILED', 'SCIM_UNEXPECTED_RESPONSE', 'DATABASE_ERROR', 'INTERNAL']) {
      expect(isResumableSyncFailure(new RrcuError(code, 'x')), code).toBe(false);
    }
    expect(isResumableSyncFailure(awsError(400))).toBe(false);
    expect(isResumableSyncFailure(new RrcuError('AWS_ERROR', 'no status'))).toBe(false);
    expect(isResumableSyncFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isResumableSyncFailure('a string')).toBe(false);
  });
});
