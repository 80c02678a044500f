import { describe, expect, test } from 'vitest';
import {
  afterProvisioning, extendedExpiry, extendable, expiringNoticeAt, expiresAtFrom, holdsAccess, isEnded, pendingDeadline, REQUEST_EVENTS, REQUEST_STATUSES, transition,
  type RequestEvent, type RequestStatus,
} from './lifecycle.ts';
import { policy } from './test-policies.ts';

const to = (from: RequestStatus, event: RequestEvent) => {
  const t = transition(from, event);
  return t.ok ? (t.changed ? t.to : t.deferred ? `deferred:${t.deferred}` : '=') : t.code;
};

describe('transition: every state and event has one defined outcome', () => {
  test('the path a request takes: pending, approved, provisioning, active, then expired or revoked', () => {
    expect(to('pending', 'approve')).toBe('approved');
    expect(to('approved', 'provision')).toBe('provisioning');
    expect(to('provisioning', 'activated')).toBe('active');
    expect(to('active', 'expire')).toBe('expired');
    expect(to('active', 'revoke_early')).toBe('revoked');
  });

  test('a pending request is denied, cancelled or times out', () => {
    expect(to('pending', 'deny')).toBe('denied');
    expect(to('pending', 'cancel')).toBe('cancelled');
    expect(to('pending', 'time_out')).toBe('timed_out');
    expect(to('provisioning', 'provision_failed')).toBe('failed');
  });

  test('approve after cancel (or deny, time-out, a second approval) is refused: only a pending request is decided', () => {
    for (const from of ['cancelled', 'denied', 'timed_out', 'approved', 'provisioning', 'active', 'expired'] as const) {
      expect(to(from, 'approve')).toBe('REQUEST_NOT_PENDING');
      expect(to(from, 'deny')).toBe('REQUEST_NOT_PENDING');
    }
    const refused = transition('cancelled', 'approve');
    expect(refused).toEqual({ ok: false, code: 'REQUEST_NOT_PENDING', message: 'The request is cancelled: only a pending request can be approved.' });
  });

  test('nothing provisions a request that was not approved', () => {
    for (const from of ['pending', 'denied', 'cancelled', 'timed_out', 'expired', 'revoked', 'failed'] as const) expect(to(from, 'provision')).toBe('REQUEST_NOT_APPROVED');
  });

  test('expire or revoke during provisioning: deferred until the grant tasks end, the request stays provisioning', () => {
    expect(transition('provisioning', 'expire')).toEqual({ ok: true, to: 'provisioning', changed: false, deferred: 'expire' });
    expect(transition('provisioning', 'revoke_early')).toEqual({ ok: true, to: 'provisioning', changed: false, deferred: 'revoke_early' });
  });

  test('revoked before provisioning started: revoked at once, nothing was granted', () => {
    expect(to('approved', 'revoke_early')).toBe('revoked');
    expect(to('approved', 'cancel')).toBe('cancelled');
  });

  test('a provisioning or active request is not cancelled but revoked; a pending one not revoked but cancelled', () => {
    expect(transition('active', 'cancel')).toEqual({ ok: false, code: 'REQUEST_NOT_PENDING', message: 'The request is active: revoke it instead of cancelling.' });
    expect(to('provisioning', 'cancel')).toBe('REQUEST_NOT_PENDING');
    expect(transition('pending', 'revoke_early')).toEqual({ ok: false, code: 'REQUEST_NOT_ACTIVE', message: 'The request is pending: cancel or deny it instead of revoking.' });
  });

  test('repeats change nothing: a second cancel, revoke or expiry, a late time-out, a task reporting twice', () => {
    expect(to('cancelled', 'cancel')).toBe('=');
    expect(to('revoked', 'revoke_early')).toBe('=');
    expect(to('expired', 'expire')).toBe('=');
    expect(to('active', 'activated')).toBe('=');
    expect(to('failed', 'provision_failed')).toBe('=');
    expect(to('provisioning', 'provision')).toBe('=');
    for (const from of ['approved', 'provisioning', 'active', 'denied', 'cancelled', 'expired', 'revoked'] as const) expect(to(from, 'time_out')).toBe('=');
  });

  test('expiry of a request that ended otherwise changes nothing; a revoke after it ended is refused, naming how it ended', () => {
    for (const from of ['revoked', 'failed', 'denied', 'cancelled', 'timed_out'] as const) expect(to(from, 'expire')).toBe('=');
    expect(transition('expired', 'revoke_early')).toEqual({ ok: false, code: 'REQUEST_NOT_ACTIVE', message: 'The request has ended (expired): there is nothing to revoke.' });
  });

  test('a task ending for a request not provisioning is refused: the service must undo what it made', () => {
    expect(to('revoked', 'activated')).toBe('REQUEST_NOT_PROVISIONING');
    expect(to('pending', 'provision_failed')).toBe('REQUEST_NOT_PROVISIONING');
    expect(to('active', 'provision_failed')).toBe('REQUEST_NOT_PROVISIONING');
  });

  test('every pair is answered, and only the table\'s moves change the state', () => {
    const moves = REQUEST_STATUSES.flatMap((from) => REQUEST_EVENTS.map((event) => [from, event, transition(from, event)] as const)).filter(([, , t]) => t.ok && t.changed);
    expect(moves.map(([from, event, t]) => `${from} -${event}-> ${t.ok ? t.to : ''}`)).toEqual([
      'pending -approve-> approved', 'pending -deny-> denied', 'pending -cancel-> cancelled', 'pending -time_out-> timed_out',
      'approved -cancel-> cancelled', 'approved -provision-> provisioning', 'approved -revoke_early-> revoked',
      'provisioning -activated-> active', 'provisioning -provision_failed-> failed',
      'active -expire-> expired', 'active -revoke_early-> revoked',
    ]);
  });
});

describe('afterProvisioning: where a request lands when its grant tasks end', () => {
  const now = new Date('2026-12-08T10:00:00Z');
  const later = new Date('2026-12-08T11:00:00Z');

  test('every grant verified: active, until it expires', () => {
    expect(afterProvisioning('activated', null, later, now)).toEqual(['active']);
  });

  test('an expiry or revoke asked while provisioning takes effect now, through active (access was granted, so it is removed)', () => {
    expect(afterProvisioning('activated', 'expire', later, now)).toEqual(['active', 'expired']);
    expect(afterProvisioning('activated', 'revoke_early', later, now)).toEqual(['active', 'revoked']);
    // Its time ran out while provisioning, even if the expiry job has not fired yet.
    expect(afterProvisioning('activated', null, now, now)).toEqual(['active', 'expired']);
  });

  test('a grant failed: failed (what the others granted is removed); revoked instead when a revoke was asked and nothing was granted', () => {
    expect(afterProvisioning('provision_failed', null, later, now)).toEqual(['failed']);
    expect(afterProvisioning('provision_failed', 'expire', later, now, { anyGranted: false })).toEqual(['failed']);
    expect(afterProvisioning('provision_failed', 'revoke_early', later, now)).toEqual(['failed']);
    expect(afterProvisioning('provision_failed', 'revoke_early', later, now, { anyGranted: false })).toEqual(['revoked']);
  });
});

describe('times', () => {
  const at = new Date('2026-12-08T10:00:00Z');

  test('a pending request times out pendingTimeoutHours after it was submitted', () => {
    expect(pendingDeadline(at, policy({ pendingTimeoutHours: 4 })).toISOString()).toBe('2026-12-08T14:00:00.000Z');
  });

  test('the duration counts from approval; the requester is told 15 minutes before the end (or at once when shorter)', () => {
    expect(expiresAtFrom(at, 60).toISOString()).toBe('2026-12-08T11:00:00.000Z');
    expect(expiringNoticeAt(new Date('2026-12-08T11:00:00Z'), at).toISOString()).toBe('2026-12-08T10:45:00.000Z');
    expect(expiringNoticeAt(new Date('2026-12-08T10:10:00Z'), at).toISOString()).toBe('2026-12-08T10:00:00.000Z');
  });

  test('an extension adds its minutes to the current end (or to now, if that has passed), never past the policy\'s maximum from now', () => {
    expect(extendedExpiry(new Date('2026-12-08T11:00:00Z'), 30, at, 240).toISOString()).toBe('2026-12-08T11:30:00.000Z');
    expect(extendedExpiry(new Date('2026-12-08T09:00:00Z'), 30, at, 240).toISOString()).toBe('2026-12-08T10:30:00.000Z');
    expect(extendedExpiry(new Date('2026-12-08T13:00:00Z'), 120, at, 240).toISOString()).toBe('2026-12-08T14:00:00.000Z');
  });
});

describe('status groups', () => {
  test('ended, holding access, extendable', () => {
    expect(REQUEST_STATUSES.filter(isEnded)).toEqual(['denied', 'cancelled', 'timed_out', 'expired', 'revoked', 'failed']);
    expect(REQUEST_STATUSES.filter(holdsAccess)).toEqual(['approved', 'provisioning', 'active']);
    expect(REQUEST_STATUSES.filter(extendable)).toEqual(['provisioning', 'active']);
  });
});
