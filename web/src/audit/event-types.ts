/**
 * The event types RRCU writes today, by family: the one list the audit page's type filter suggests from
 * (each family, which matches all its types, then its types) and the request events' summaries are tested
 * against. The filter also takes any other type, so an event type older than this list is still found.
 */
export const AUDIT_EVENT_TYPES = {
  connector: ['created', 'updated', 'removed', 'archived', 'purged'],
  sync: ['succeeded', 'failed'],
  provisioning: ['requested', 'started', 'retrying', 'succeeded', 'failed', 'observed'],
  request: [
    'submitted', 'extended', 'break_glass', 'approved', 'step_approved', 'denied', 'cancelled', 'timed_out', 'provisioning', 'active', 'failed',
    'revoke_asked', 'revoked', 'expired', 'late_grant_removed', 'break_glass_reviewed',
  ],
  request_policy: ['created', 'updated', 'archived'],
  review: [
    'created', 'launched', 'decided', 'delegated', 'reassigned', 'escalated', 'stage_closed', 'closed',
    'remediation_requested', 'remediation_retried', 'remediation_marked_done', 'remediated', 'reappeared',
  ],
  owner: ['set', 'removed'],
  privileged_mark: ['marked', 'unmarked'],
  evidence: ['pack_made', 'pack_failed', 'pack_downloaded'],
  notification: ['channel_created', 'channel_updated', 'channel_archived', 'test_sent', 'delivery_retried', 'preferences_updated'],
  auth: ['signed_in', 'signed_out', 'sign_in_failed', 'password_changed', 'password_reset', 'local_admin_created'],
  user: ['created', 'role_changed', 'disabled', 'enabled', 'sessions_revoked'],
  api_token: ['created', 'revoked'],
} as const;

type Families = typeof AUDIT_EVENT_TYPES;
/** A request event's type (`request.revoked`). */
export type RequestEventType = `request.${Families['request'][number]}`;

/** What the type filter suggests: each family, then its types. */
export const TYPE_SUGGESTIONS: string[] = Object.entries(AUDIT_EVENT_TYPES).flatMap(([family, types]) => [family, ...types.map((t) => `${family}.${t}`)]);
