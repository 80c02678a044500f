/**
 * The kinds of notification RRCU sends, for the choices people make (preferences) and administrators make
 * (a channel's event kinds), each in words and with whom it reaches. Kinds are stored and never renamed; a
 * capability adding one adds it here. `notification.test` (Send test) and `notification.digest` are RRCU's own.
 */
export type NotificationKindInfo = { kind: string; label: string; to: string };

export const NOTIFICATION_KINDS: readonly NotificationKindInfo[] = [
  { kind: 'review.assigned', label: 'Access review items assigned to you', to: 'reviewers' },
  { kind: 'review.reminder', label: 'Reminder of undecided review items', to: 'reviewers' },
  { kind: 'review.escalated', label: 'Review items escalated', to: 'reviewers and the campaign owner' },
  { kind: 'review.campaign_closed', label: 'Access review campaign closed', to: 'the campaign owner and reviewers with undecided items' },
  { kind: 'review.manual_remediation', label: 'A revoke to carry out by hand', to: 'Connector Administrators' },
  { kind: 'review.remediation_failed', label: 'A review revoke failed', to: 'Connector Administrators' },
  { kind: 'review.recurrence_refused', label: 'A recurring campaign could not launch', to: 'Super Administrators' },
  { kind: 'review.recurrence_invalid', label: 'A recurring campaign has an invalid schedule', to: 'Super Administrators' },
  { kind: 'review.tick_failed', label: 'A campaign\'s scheduled work failed', to: 'Connector or Super Administrators' },
  { kind: 'request.submitted', label: 'Access request to approve', to: 'approvers' },
  { kind: 'request.break_glass_review', label: 'Break-glass access to review after the fact', to: 'approvers' },
  { kind: 'request.decided', label: 'Your request was approved or denied', to: 'the requester' },
  { kind: 'request.timed_out', label: 'Your request timed out undecided', to: 'the requester' },
  { kind: 'request.active', label: 'Your requested access is active', to: 'the requester' },
  { kind: 'request.expiring', label: 'Your access expires in 15 minutes', to: 'the requester' },
  { kind: 'request.expired', label: 'Your access expired', to: 'the requester' },
  { kind: 'request.revoked', label: 'Your access was revoked', to: 'the requester' },
  { kind: 'request.failed', label: 'Your request could not be provisioned', to: 'the requester' },
  { kind: 'request.revoke_failed', label: 'Removing requested access failed', to: 'Connector Administrators' },
  { kind: 'request.break_glass_inappropriate', label: 'Break-glass use judged inappropriate', to: 'Connector Administrators' },
  { kind: 'provisioning.task_failed', label: 'A provisioning task failed', to: 'Connector Administrators and who asked for it' },
  { kind: 'sync.failed', label: 'A sync failed', to: 'Connector Administrators' },
  { kind: 'sync.schedule_missed', label: 'Scheduled syncs missed twice', to: 'Connector Administrators' },
  { kind: 'audit_stream.failing', label: 'The audit stream\'s receiver has failed for 15 minutes', to: 'Super Administrators' },
];
