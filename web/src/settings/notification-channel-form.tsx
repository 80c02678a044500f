import { useState, type FormEvent } from 'react';
import { DialogButtons } from '../ui/dialog-buttons.tsx';
import { Checkbox, Field, fieldError, FormError } from '../ui/form.tsx';
import { Modal } from '../ui/modal.tsx';
import { CHANNEL_KIND_LABELS, ROUTED_KINDS, useNotificationKinds } from '../notifications/kinds.ts';
import { useSaveChannel, type ChannelKind, type ChannelView } from './notification-queries.ts';

/** Each kind's settings (shown back) and secrets (write-only), as the fields of the form. */
const FIELDS: Record<ChannelKind, { config: { key: string; label: string; hint?: string; type?: string }[]; secrets: { key: string; label: string; hint?: string }[] }> = {
  email: {
    config: [
      { key: 'host', label: 'SMTP host' },
      { key: 'port', label: 'Port', type: 'number', hint: '587 with STARTTLS, 465 with TLS, 25 for a relay without.' },
      { key: 'username', label: 'Username', hint: 'Empty when the server takes mail without signing in.' },
      { key: 'from', label: 'From', hint: 'The sender, e.g. RRCU <rrcu@example.com>.' },
    ],
    secrets: [{ key: 'password', label: 'Password' }],
  },
  webhook: {
    config: [{ key: 'url', label: 'URL', hint: 'https (plain http only to this machine, or with RRCU_ALLOW_HTTP_WEBHOOKS).' }],
    secrets: [{ key: 'signingSecret', label: 'Signing secret', hint: 'At least 16 characters, e.g. `openssl rand -hex 32`; the receiver checks X-RRCU-Signature with it.' }],
  },
  slack_webhook: { config: [], secrets: [{ key: 'webhookUrl', label: 'Incoming webhook URL', hint: 'From the Slack app\'s Incoming Webhooks page.' }] },
  slack_app: {
    config: [],
    secrets: [
      { key: 'botToken', label: 'Bot token', hint: 'xoxb-…, from the Slack app\'s OAuth & Permissions page.' },
      { key: 'signingSecret', label: 'Signing secret', hint: 'From the Slack app\'s Basic Information page.' },
    ],
  },
};

/**
 * Adds a channel, or changes one (`channel`). Secrets are write-only: never shown, kept when their fields
 * are left empty, replaced (all of them) when typed. Webhook and Slack channel routing: every kind, or the
 * ones ticked; a webhook may also stream the audit log.
 */
export function ChannelFormDialog({ channel, onClose }: { channel: ChannelView | null; onClose: () => void }) {
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'email');
  const [name, setName] = useState(channel?.name ?? '');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [config, setConfig] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(channel?.config ?? {}).map(([k, v]) => [k, String(v)])));
  const [security, setSecurity] = useState(String(channel?.config.security ?? 'starttls'));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [allKinds, setAllKinds] = useState(channel ? channel.eventKinds.includes('*') : true);
  const [kinds, setKinds] = useState<string[]>(channel?.eventKinds.filter((k) => k !== '*') ?? []);
  const [auditStream, setAuditStream] = useState(channel?.auditStream ?? false);
  const save = useSaveChannel(channel?.id ?? null, onClose);
  const known = useNotificationKinds();
  const fields = FIELDS[kind];
  const routed = ROUTED_KINDS.has(kind);
  // A refusal shown next to a field of this form leaves only its fix for the box below it.
  const formFields = ['name', ...fields.config.map((f) => `config.${f.key}`), ...fields.secrets.map((f) => `secrets.${f.key}`)];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const settings: Record<string, unknown> = {};
    for (const f of fields.config) {
      const value = config[f.key]?.trim() ?? '';
      if (value !== '') settings[f.key] = f.type === 'number' ? Number(value) : value;
    }
    if (kind === 'email') settings.security = security;
    const typed = Object.fromEntries(fields.secrets.map((f) => [f.key, secrets[f.key] ?? '']).filter(([, v]) => v !== ''));
    const eventKinds = routed && !allKinds ? kinds : ['*'];
    const common = { name: name.trim(), enabled, config: settings, eventKinds, ...(kind === 'webhook' ? { auditStream } : {}) };
    if (channel) save.mutate({ ...common, ...(Object.keys(typed).length > 0 ? { secrets: typed } : {}) });
    else save.mutate({ kind, ...common, ...(Object.keys(typed).length > 0 ? { secrets: typed } : {}) });
  };

  return (
    <Modal title={channel ? `Edit ${channel.name}` : 'Add a notification channel'} onClose={onClose}>
      <form onSubmit={submit} aria-label={channel ? 'Edit the channel' : 'Add a channel'}>
        {!channel && (
          <Field label="Kind">
            <select value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)}>
              {Object.entries(CHANNEL_KIND_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Name" error={fieldError(save.error, 'name')}>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
        </Field>
        {fields.config.map((f) => (
          <Field key={f.key} label={f.label} hint={f.hint} error={fieldError(save.error, `config.${f.key}`)}>
            <input type={f.type ?? 'text'} value={config[f.key] ?? ''} onChange={(e) => setConfig({ ...config, [f.key]: e.target.value })} />
          </Field>
        ))}
        {kind === 'email' && (
          <Field label="Security">
            <select value={security} onChange={(e) => setSecurity(e.target.value)}>
              <option value="starttls">STARTTLS (required)</option>
              <option value="tls">TLS</option>
              <option value="none">None (a trusted relay)</option>
            </select>
          </Field>
        )}
        {fields.secrets.map((f) => (
          <Field key={f.key} label={f.label} hint={f.hint} error={fieldError(save.error, `secrets.${f.key}`)}>
            <input
              type="password"
              autoComplete="new-password"
              value={secrets[f.key] ?? ''}
              onChange={(e) => setSecrets({ ...secrets, [f.key]: e.target.value })}
              placeholder={channel?.hasSecrets ? 'Saved — type to replace' : ''}
            />
          </Field>
        ))}
        {channel?.hasSecrets && fields.secrets.length > 1 && <p className="hint">Secrets are never shown. To replace them, type all of them again.</p>}
        {routed && (
          <fieldset className="plain">
            <legend>Events sent here</legend>
            <Checkbox label="Every kind of notification" checked={allKinds} onChange={setAllKinds} />
            {!allKinds &&
              (known.data?.items ?? []).map((k) => (
                <Checkbox key={k.kind} label={`${k.label} (${k.kind})`} checked={kinds.includes(k.kind)} onChange={(on) => setKinds(on ? [...kinds, k.kind] : kinds.filter((x) => x !== k.kind))} />
              ))}
          </fieldset>
        )}
        {kind === 'webhook' && (
          <Checkbox label="Stream the audit log" checked={auditStream} onChange={setAuditStream} hint="Every audit event, in order, at least once, with its chain hash (docs/notifications.md)." />
        )}
        <Checkbox label="Enabled" checked={enabled} onChange={setEnabled} />
        <FormError error={save.error} fields={formFields} />
        <DialogButtons label={channel ? 'Save' : 'Add channel'} busyLabel="Saving…" busy={save.isPending} ready={name.trim() !== '' && (!routed || allKinds || kinds.length > 0)} onCancel={onClose} />
      </form>
    </Modal>
  );
}
