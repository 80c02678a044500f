import type { ChannelKind } from '../channels/types.ts';

/**
 * Who chooses what reaches them, and the defaults when they have not chosen. A preference is per channel
 * family (email; Slack direct messages) and per event kind, `*` standing for every kind; the most precise
 * choice wins. Channels that post to a place rather than to a person (webhooks, a Slack channel) follow
 * the administrators' routing (their event kinds), not people's preferences.
 */
export const PREFERENCE_CHANNELS = ['email', 'slack'] as const;
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];
export type Mode = 'immediate' | 'digest' | 'off';
export type Preference = { channelKind: PreferenceChannel; eventKind: string; mode: Mode };

/**
 * Reviewers get one email a day listing their items rather than one per item; everything else comes at once.
 * In Slack the items handed to a reviewer come at once — one message per campaign stage, not per item, with
 * Keep and Revoke under each item named (a digest carries no buttons) — and only the reminders wait.
 */
export const DIGEST_BY_DEFAULT: Readonly<Record<PreferenceChannel, readonly string[]>> = {
  email: ['review.assigned', 'review.reminder'],
  slack: ['review.reminder'],
};

/** The kinds RRCU sends that bypass preferences: a test is asked for by an administrator, and a digest is already the chosen mode. */
const ALWAYS_IMMEDIATE = new Set(['notification.test', 'notification.digest']);

export function defaultMode(eventKind: string, channel: PreferenceChannel): Mode {
  return DIGEST_BY_DEFAULT[channel].includes(eventKind) ? 'digest' : 'immediate';
}

/** The preference family of a channel kind; undefined for channels that reach a place, not a person. */
export function preferenceChannelOf(kind: ChannelKind): PreferenceChannel | undefined {
  if (kind === 'email') return 'email';
  if (kind === 'slack_app') return 'slack';
  return undefined;
}

/** How one event kind reaches one person on one channel family: their choice for the kind, else for `*`, else the default. */
export function resolveMode(preferences: readonly Preference[], channel: PreferenceChannel, eventKind: string): Mode {
  if (ALWAYS_IMMEDIATE.has(eventKind)) return 'immediate';
  const exact = preferences.find((p) => p.channelKind === channel && p.eventKind === eventKind);
  if (exact) return exact.mode;
  const all = preferences.find((p) => p.channelKind === channel && p.eventKind === '*');
  return all?.mode ?? defaultMode(eventKind, channel);
}

/** Whether a channel's routing (its event kinds, `*` for all) takes this kind. */
export function routes(eventKinds: readonly string[], kind: string): boolean {
  return eventKinds.includes('*') || eventKinds.includes(kind);
}
