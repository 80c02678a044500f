import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken } from './api.ts';
import { authKeys } from './auth/query-keys.ts';
import { useMeQuery } from './auth/queries.ts';
import { allowed, can, MeProvider, signOut, type Needs } from './auth/session.tsx';
import { SignInPage } from './auth/sign-in-page.tsx';
import { SimulationBanner } from './auth/simulation-banner.tsx';
import { InboxBell } from './notifications/inbox-bell.tsx';
import { ApprovalsCount } from './requests/approvals-count.tsx';
import { PendingReviewsCount } from './reviews/pending-count.tsx';
import { matchRoute, navigate, useLocation } from './router.ts';
import { ROUTES } from './routes.tsx';
import type { Me } from './types.ts';
import { ErrorBox, Loading } from './ui/feedback.tsx';
import { Link } from './ui/link.tsx';

/** The auth gate: who is signed in decides between the sign-in page and the application. */
export function App() {
  const location = useLocation();
  const queryClient = useQueryClient();
  const me = useMeQuery();

  const signedOut = me.error instanceof ApiError && me.error.status === 401;
  const onSignIn = location.path === '/sign-in';
  const returnTo = onSignIn ? safeReturnTo(location.query.get('returnTo')) : `${location.path}${location.query.toString() ? `?${location.query}` : ''}`;

  useEffect(() => {
    if (me.data && onSignIn) navigate(returnTo, { replace: true });
  }, [me.data, onSignIn, returnTo]);

  if (me.isPending) return <Loading label="Opening RRCU…" />;
  if (signedOut || (onSignIn && !me.data)) {
    return (
      <SignInPage
        returnTo={returnTo}
        onSignedIn={(value) => {
          setCsrfToken(value.csrfToken);
          queryClient.setQueryData(authKeys.me(), value);
          navigate(returnTo, { replace: true });
        }}
      />
    );
  }
  if (!me.data) {
    return (
      <main className="standalone">
        <h1>RRCU cannot start</h1>
        <ErrorBox error={me.error} />
        <button type="button" className="button" onClick={() => void me.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  return (
    <MeProvider me={me.data}>
      <Shell me={me.data} path={location.path} />
    </MeProvider>
  );
}

/** Only a path on this site: an absolute URL here would make sign-in an open redirect. */
function safeReturnTo(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/sign-in') ? value : '/';
}

type NavItem = { href: string; label: string; needs: Needs; count?: ReactNode };

const NAV: NavItem[] = [
  { href: '/access', label: 'Access', needs: 'read' },
  { href: '/connectors', label: 'Connectors', needs: 'read' },
  { href: '/syncs', label: 'Syncs', needs: 'read' },
  { href: '/tasks', label: 'Provisioning', needs: 'read' },
  { href: '/reviews', label: 'Access reviews', needs: 'read' },
  { href: '/requests', label: 'All requests', needs: 'read' },
  { href: '/request-policies', label: 'Request policies', needs: 'read' },
  { href: '/audit', label: 'Audit log', needs: 'read' },
  { href: '/evidence', label: 'Evidence', needs: 'read' },
  { href: '/settings', label: 'Settings', needs: 'signed-in' },
  { href: '/my-access', label: 'My access', needs: 'signed-in' },
  { href: '/my-reviews', label: 'My reviews', needs: 'signed-in', count: <PendingReviewsCount /> },
  { href: '/request-access', label: 'Request access', needs: 'signed-in' },
  { href: '/my-requests', label: 'My requests', needs: 'signed-in' },
  { href: '/approvals', label: 'Approvals', needs: 'signed-in', count: <ApprovalsCount /> },
];

function Shell({ me, path }: { me: Me; path: string }) {
  const [signOutError, setSignOutError] = useState<unknown>(null);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          RRCU
        </Link>
        <ul>
          {NAV.filter((item) => allowed(me, item.needs)).map((item) => {
            const active = path === item.href || path.startsWith(`${item.href}/`);
            return (
              <li key={item.href}>
                <Link href={item.href} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
                  {item.label}
                  {item.count}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="main-column">
        <SimulationBanner simulated={me.simulation !== null} canConnect={can(me, 'operate')} />
        <header className="topbar">
          <div className="topbar-user">
            <span className="user-name">{me.user.displayName}</span>
            {me.user.email && me.user.email !== me.user.displayName && <span className="user-email">{me.user.email}</span>}
            <span className="role-label">{me.user.roleLabel}</span>
          </div>
          <InboxBell />
          {me.via === 'session' && (
            <button type="button" className="button secondary small" onClick={() => void signOut().catch(setSignOutError)}>
              Sign out
            </button>
          )}
        </header>
        {signOutError !== null && (
          <div className="topbar-error">
            <ErrorBox error={signOutError} />
          </div>
        )}
        <main id="main" className="content" tabIndex={-1}>
          <Page me={me} path={path} key={path} />
        </main>
      </div>
    </div>
  );
}

/** The page of `path` from the route table, or why there is none for this user. */
function Page({ me, path }: { me: Me; path: string }): ReactNode {
  const found = matchRoute(ROUTES, path);
  if (!found) return <NotFound path={path} />;
  return allowed(me, found.route.needs) ? found.route.page(found.params) : <NotAllowed me={me} />;
}

function NotAllowed({ me }: { me: Me }) {
  return (
    <section className="notice-page">
      <h1>This page is not part of your role</h1>
      <p>
        You are signed in as {me.user.displayName} with the role {me.user.roleLabel}, which does not include this page. A Super Administrator can change your
        role under Settings.
      </p>
      <p>
        <Link href="/my-access">See your own access</Link>
      </p>
    </section>
  );
}

function NotFound({ path }: { path: string }) {
  return (
    <section className="notice-page">
      <h1>No such page</h1>
      <p>
        There is no page at <code>{path}</code>.
      </p>
      <p>
        <Link href="/">Go to the start page</Link>
      </p>
    </section>
  );
}
