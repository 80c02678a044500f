import type { ReactNode } from 'react';

export type Tone = 'ok' | 'info' | 'warn' | 'danger' | 'neutral';

const STATUS: Record<string, [string, Tone]> = {
  not_connected: ['Not connected', 'neutral'],
  syncing: ['Syncing', 'info'],
  connected: ['Connected', 'ok'],
  error: ['Error', 'danger'],
  running: ['Running', 'info'],
  interrupted: ['Interrupted', 'warn'],
  succeeded: ['Succeeded', 'ok'],
  done: ['Done', 'ok'],
  failed: ['Failed', 'danger'],
  pending: ['Pending', 'neutral'],
  queued: ['Queued', 'info'],
  ok: ['OK', 'ok'],
  denied: ['Denied', 'danger'],
  not_checked: ['Not checked', 'neutral'],
  warning: ['Warning', 'warn'],
  applied: ['Applied', 'ok'],
  already: ['Already so', 'ok'],
  revoked: ['Revoked', 'neutral'],
  expired: ['Expired', 'neutral'],
  active: ['Active', 'ok'],
  disabled: ['Disabled', 'neutral'],
  archived: ['Archived', 'neutral'],
  // Notification deliveries.
  sent: ['Sent', 'ok'],
  uncertain: ['Uncertain', 'warn'],
  digest: ['In the digest', 'info'],
  skipped: ['Skipped', 'neutral'],
  sending: ['Sending', 'info'],
};

const MARK: Record<Tone, string> = { ok: '✓', info: '●', warn: '!', danger: '✕', neutral: '○' };

/** A status as colour and words (never colour alone). Unknown statuses are shown as their words. */
export function StatusBadge({ status }: { status: string }) {
  const [label, tone] = STATUS[status] ?? [humanize(status), 'neutral' as Tone];
  return <ToneBadge tone={tone}>{label}</ToneBadge>;
}

/** A badge of a tone with its mark and words, for statuses whose words a page chooses (a request's, its targets'). */
export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={`badge badge-${tone}`}>
      <span aria-hidden="true" className={tone === 'info' ? 'badge-mark pulse' : 'badge-mark'}>
        {MARK[tone]}
      </span>
      {children}
    </span>
  );
}

function humanize(s: string): string {
  const words = s.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
