import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useNotificationKinds, type NotificationKind } from '../notifications/kinds.ts';
import type { ApiAnswer, ApiBody } from '../types.ts';
import { ErrorBox, Loading } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { meKeys } from './query-keys.ts';
import '../ui/pages.css';

type Preferences = ApiAnswer<'getMyNotificationPreferences'>;
type Choice = ApiBody<'setMyNotificationPreferences'>['items'][number];
type Channel = Choice['channelKind'];
type Mode = Choice['mode'];

const CHANNELS: readonly { id: Channel; label: string }[] = [
  { id: 'email', label: 'Email' },
  { id: 'slack', label: 'Slack' },
];
const MODES: Record<Mode, string> = { immediate: 'At once', digest: 'Daily digest', off: 'Off' };
const key = (channel: Channel, kind: string) => `${channel} ${kind}`;

/**
 * The signed-in person's own choices: for each kind of notification, how it reaches them by email and by
 * Slack — at once, in the daily digest, or not at all; "Default" leaves it to RRCU's default (reviews in
 * the digest, everything else at once). The in-app inbox always has everything.
 */
export function NotificationPreferencesPage() {
  const preferences = useQuery({ queryKey: meKeys.notificationPreferences(), queryFn: () => api<Preferences>('GET', '/api/me/notification-preferences') });
  const kinds = useNotificationKinds();
  return (
    <div className="page">
      <PageHeader title="My notifications" subtitle="How RRCU's notifications reach you by email and Slack. Your inbox in RRCU always has every one." />
      {preferences.isPending || kinds.isPending ? (
        <Loading label="Loading your preferences…" />
      ) : preferences.isError || kinds.isError ? (
        <ErrorBox error={preferences.error ?? kinds.error} />
      ) : (
        <PreferencesForm initial={preferences.data} kinds={kinds.data.items} />
      )}
    </div>
  );
}

function PreferencesForm({ initial, kinds }: { initial: Preferences; kinds: readonly NotificationKind[] }) {
  const rows = [...kinds, { kind: '*', label: 'Anything else', to: '' }];
  const queryClient = useQueryClient();
  const [choices, setChoices] = useState(() => new Map(initial.items.map((p) => [key(p.channelKind, p.eventKind), p.mode])));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (items: Choice[]) => api<Preferences>('PUT', '/api/me/notification-preferences', { body: { items } }),
    onSuccess: (answer) => {
      queryClient.setQueryData(meKeys.notificationPreferences(), answer);
      setSaved(true);
    },
  });
  const byDefault = (kind: string, channel: Channel) => (initial.defaults.digest[channel].includes(kind) ? MODES.digest : MODES.immediate);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const items: Choice[] = [];
    for (const [k, mode] of choices) {
      const [channelKind, eventKind] = k.split(' ') as [Channel, string];
      items.push({ channelKind, eventKind, mode });
    }
    save.mutate(items);
  };

  return (
    <form className="panel" onSubmit={submit} aria-label="My notification preferences">
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">How each kind of notification reaches you</caption>
          <thead>
            <tr>
              <th scope="col">Notification</th>
              {CHANNELS.map((c) => (
                <th scope="col" key={c.id}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.kind}>
                <th scope="row">
                  {row.label}
                  {row.kind !== '*' && <span className="cell-sub mono">{row.kind}</span>}
                </th>
                {CHANNELS.map((c) => (
                  <td key={c.id}>
                    <select
                      aria-label={`${row.label} by ${c.label}`}
                      value={choices.get(key(c.id, row.kind)) ?? ''}
                      onChange={(e) => {
                        const next = new Map(choices);
                        if (e.target.value === '') next.delete(key(c.id, row.kind));
                        else next.set(key(c.id, row.kind), e.target.value as Mode);
                        setChoices(next);
                        setSaved(false);
                      }}
                    >
                      <option value="">Default ({row.kind === '*' ? MODES.immediate : byDefault(row.kind, c.id)})</option>
                      {Object.entries(MODES).map(([mode, label]) => (
                        <option key={mode} value={mode}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {save.isError && <ErrorBox error={save.error} />}
      {saved && <p role="status">Saved.</p>}
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save preferences'}
        </button>
      </div>
    </form>
  );
}
