import { useState, type KeyboardEvent } from 'react';
import { can, signOutEverywhere, useMe } from '../auth/session.tsx';
import type { Me } from '../types.ts';
import { setQuery, useLocation } from '../router.ts';
import { ErrorBox } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { NotificationsSection } from './notifications.tsx';
import { PrivilegedMarksSection } from './privileged-marks.tsx';
import { TokensSection } from './tokens.tsx';
import { UsersSection } from './users.tsx';
import '../ui/pages.css';

// One tab at a time: the token form and every user row both have a "Role" control.
const ALL_TABS = [
  { id: 'tokens', label: 'API tokens' },
  { id: 'users', label: 'Users and roles' },
  { id: 'marks', label: 'Privileged marks' },
  { id: 'notifications', label: 'Notifications' },
] as const;
type Tab = (typeof ALL_TABS)[number]['id'];

/** The Super Administrator's tabs; anyone else has only their own API tokens. */
export function settingsTabs(me: Me): readonly { id: Tab; label: string }[] {
  return can(me, 'admin') ? ALL_TABS : [{ id: 'tokens', label: 'My API tokens' }];
}

/**
 * Every signed-in person: their own API tokens and ending their own sessions. The Super Administrator also
 * manages who may do what in RRCU, everyone's API tokens and privileged marks.
 */
export function SettingsPage() {
  const me = useMe();
  const { query } = useLocation();
  const TABS = settingsTabs(me);
  const admin = can(me, 'admin');
  const tab: Tab = TABS.find((t) => t.id === query.get('tab'))?.id ?? 'tokens';
  const [signOutError, setSignOutError] = useState<unknown>(null);
  const [signingOut, setSigningOut] = useState(false);

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setQuery({ tab: next.id === 'tokens' ? undefined : next.id });
    document.getElementById(`settings-tab-${next.id}`)?.focus();
  };

  return (
    <div className="page settings-page">
      <PageHeader title="Settings" subtitle={admin ? 'API tokens, users and their roles, privileged marks, notifications, and your own sessions.' : 'Your API tokens for scripts, and your own sessions.'} />

      <div className="tabs" role="tablist" aria-label="Settings">
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`settings-tab-${t.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            aria-controls={`settings-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setQuery({ tab: t.id === 'tokens' ? undefined : t.id })}
            onKeyDown={onTabKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`settings-panel-${tab}`} aria-labelledby={`settings-tab-${tab}`}>
        {tab === 'users' ? (
          <UsersSection selfId={me.user.id} />
        ) : tab === 'marks' ? (
          <PrivilegedMarksSection />
        ) : tab === 'notifications' ? (
          <NotificationsSection selfEmail={me.user.email} />
        ) : (
          <TokensSection selfId={me.user.id} selfRole={me.user.role} everyone={admin} />
        )}
      </div>

      <section className="panel" aria-labelledby="my-notifications-heading">
        <h2 id="my-notifications-heading">Your notifications</h2>
        <p className="hint">
          Choose how each kind of notification reaches you by email and Slack: <Link href="/my-notifications">My notifications</Link>.
        </p>
      </section>

      {me.via === 'session' && (
        <section className="panel" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">Your sessions</h2>
          <p className="hint">Signs you out of RRCU in every browser, this one included — for example after using a shared computer or losing a laptop.</p>
          {signOutError !== null && <ErrorBox error={signOutError} />}
          <div className="button-row">
            <button
              type="button"
              className="button danger"
              disabled={signingOut}
              onClick={() => {
                setSigningOut(true);
                setSignOutError(null);
                signOutEverywhere().catch((e: unknown) => {
                  setSignOutError(e);
                  setSigningOut(false);
                });
              }}
            >
              Sign out everywhere
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
