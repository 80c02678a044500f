import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ApiAnswer } from '../types.ts';
import { notificationKindKeys } from './query-keys.ts';

export type NotificationKind = ApiAnswer<'listNotificationKinds'>['items'][number];

/**
 * The kinds of notification RRCU sends, in words and with whom each reaches (the server's catalogue), as an
 * administrator routes them to a webhook or Slack channel and as each person chooses how they reach them.
 */
export function useNotificationKinds() {
  return useQuery({ queryKey: notificationKindKeys.all(), queryFn: () => api<{ items: NotificationKind[] }>('GET', '/api/notifications/kinds'), staleTime: Infinity });
}

export const CHANNEL_KIND_LABELS: Record<string, string> = {
  email: 'Email (SMTP)',
  webhook: 'Webhook',
  slack_webhook: 'Slack channel (incoming webhook)',
  slack_app: 'Slack app (direct messages)',
};

/** Channels that post to one place and take the kinds an administrator routes to them; the others reach people, as each chooses. */
export const ROUTED_KINDS: ReadonlySet<string> = new Set(['webhook', 'slack_webhook']);
/** Channels that reach one person, so a test needs whom to send it to. */
export const PERSONAL_KINDS: ReadonlySet<string> = new Set(['email', 'slack_app']);
