import { describe, expect, test } from 'vitest';
import { ACCESS_ERRORS } from '../access/errors.ts';
import { CLI_ERRORS } from '../cli/errors.ts';
import { CONFIG_ERRORS } from '../config/errors.ts';
import { AWS_ERRORS, CONNECTOR_ERRORS } from '../connectors/index.ts';
import { COMMON_ERRORS, ERROR_KINDS, RrcuError, type ErrorCode } from '../core/errors.ts';
import { SECRET_ERRORS } from '../core/secret-box.ts';
import { JOB_ERRORS } from '../jobs/errors.ts';
import { NOTIFICATION_ERRORS } from '../notifications/errors.ts';
import { OWNERSHIP_ERRORS } from '../ownership/errors.ts';
import { PROVISIONING_ERRORS } from '../provisioning/errors.ts';
import { REVIEW_ERRORS } from '../reviews/errors.ts';
import { STORE_ERRORS } from '../store/index.ts';
import { SYNC_ERRORS } from '../sync/errors.ts';
import { IDENTITY_ERRORS } from '../identity/errors.ts';
import { AUTH_ERRORS } from './auth/errors.ts';
import { kindForStatus, statusForKind } from './error-handler.ts';
import { HTTP_ERRORS, SLACK_ERRORS } from './errors.ts';

const CATALOGS: Record<string, Record<string, ErrorCode>> = {
  ACCESS_ERRORS, CLI_ERRORS, CONFIG_ERRORS, AWS_ERRORS, CONNECTOR_ERRORS, COMMON_ERRORS, SECRET_ERRORS,
  JOB_ERRORS, NOTIFICATION_ERRORS, OWNERSHIP_ERRORS, PROVISIONING_ERRORS, REVIEW_ERRORS, STORE_ERRORS, SYNC_ERRORS, IDENTITY_ERRORS, AUTH_ERRORS, HTTP_ERRORS, SLACK_ERRORS,
};
const status = (error: ErrorCode) => statusForKind(error.kind);

describe('error kinds and HTTP statuses', () => {
  test.each(ERROR_KINDS)('the kind %s maps to an error status, and that status back to it', (kind) => {
    expect(statusForKind(kind)).toBeGreaterThanOrEqual(400);
    expect(statusForKind(kind)).toBeLessThan(600);
    expect(kindForStatus(statusForKind(kind))).toBe(kind);
  });

  test('an error cannot be made from a bare code: it does not compile, and is refused if it is forced', () => {
    // @ts-expect-error a code without a kind
    expect(() => new RrcuError('SOMETHING', 'm')).toThrow(/has no kind/);
    expect(() => new RrcuError({ code: 'SOMETHING', kind: 'oops' } as never, 'm')).toThrow(/has no kind/);
  });

  test('each code is declared once, beside its capability, with one kind', () => {
    const seen = new Map<string, string>();
    for (const [catalog, codes] of Object.entries(CATALOGS)) {
      for (const [key, error] of Object.entries(codes)) {
        expect(error.code).toBe(key);
        expect(ERROR_KINDS).toContain(error.kind);
        expect(seen.get(error.code), `${error.code} in ${catalog} and ${seen.get(error.code)}`).toBeUndefined();
        seen.set(error.code, catalog);
      }
    }
  });

  test('a database failure is the server’s (503), not a 400 asking the caller to correct their input', () => {
    expect(status(STORE_ERRORS.DATABASE_CONNECTION_LOST)).toBe(503);
    expect(status(STORE_ERRORS.DATABASE_ERROR)).toBe(503);
  });

  test('a change refused because another runs on the same access is a conflict (409), not bad input', () => {
    expect(status(PROVISIONING_ERRORS.TASK_IN_PROGRESS)).toBe(409);
    expect(status(STORE_ERRORS.CONNECTOR_ARCHIVED)).toBe(409);
  });

  test('AWS refusing is a bad gateway (502), AWS out of reach is unavailable (503), throttling stays 429', () => {
    expect(status(AWS_ERRORS.ACTION_DENIED)).toBe(502);
    expect(status(AWS_ERRORS.AWS_UNREACHABLE)).toBe(503);
    expect(status(AWS_ERRORS.THROTTLED)).toBe(429);
  });

  test('an answer the CLI gets with a status no kind has keeps its class', () => {
    expect(kindForStatus(418)).toBe('invalid');
    expect(kindForStatus(504)).toBe('internal');
  });
});
