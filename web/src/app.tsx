import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from './api.ts';
import { ErrorBox, Loading } from './components.tsx';
import { Link } from './link.tsx';
import { AccessPage } from './pages/access.tsx';
import { AuditPage } from './pages/audit.tsx';
import { ConnectorDetailPage } from './pages/connector-detail.tsx';
import { ConnectorSetupPage } from './pages/connector-setup.tsx';
import { ConnectorsPage } from './pages/connectors.tsx';
import { MyAccessPage } from './pages/my-access.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { SyncDetailPage } from './pages/sync-detail.tsx';
import { SyncsPage } from './pages/syncs.tsx';
import { TasksPage } from './pages/tasks.tsx';
import { navigate, useLocation } from './router.ts';
import { can, MeProvider, signOut, type Capability } from './session.tsx';
import { SimulationBanner } from './simulation-banner.tsx';
import type { Me } from './types.ts';

/** The auth gate: who is signed in decides between the sign-in page and the application. */
export function App() {
  const location = useLocation();
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const value = await api<Me>('GET', '/api/me');
      setCsrfToken(value.csrfToken);
      return value;
    },
    retry: (count, error) => !(error instanceof ApiError) && count < 2,
    staleTime: 60_000,
  });

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
          queryClient.setQueryData(['me'], value);
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

type NavItem = { href: string; label: string; needs: Capability | 'signed-in' };

const NAV: NavItem[] = [
  { href: '/access', label: 'Access', needs: 'read' },
  { href: '/connectors', label: 'Connectors', needs: 'read' },
  { href: '/syncs', label: 'Syncs', needs: 'read' },
  { href: '/tasks', label: 'Provisioning', needs: 'read' },
  { href: '/audit', label: 'Audit log', needs: 'read' },
  { href: '/settings', label: 'Settings', needs: 'admin' },
  { href: '/my-access', label: 'My access', needs: 'signed-in' },
];

function allowed(me: Me, needs: Capability | 'signed-in'): boolean {
  return needs === 'signed-in' || can(me, needs);
}

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

function Page({ me, path }: { me: Me; path: string }): ReactNode {
  const guard = (needs: Capability | 'signed-in', page: ReactNode) => (allowed(me, needs) ? page : <NotAllowed me={me} />);
  if (path === '/') return <Home me={me} />;
  if (path === '/access') return guard('read', <AccessPage />);
  if (path === '/connectors') return guard('read', <ConnectorsPage />);
  if (path === '/connectors/new') return guard('operate', <ConnectorSetupPage />);
  let m = /^\/connectors\/([^/]+)\/edit$/.exec(path);
  if (m) return guard('operate', <ConnectorSetupPage id={decodeURIComponent(m[1]!)} />);
  m = /^\/connectors\/([^/]+)$/.exec(path);
  if (m) return guard('read', <ConnectorDetailPage id={decodeURIComponent(m[1]!)} />);
  if (path === '/syncs') return guard('read', <SyncsPage />);
  m = /^\/syncs\/(\d+)$/.exec(path);
  if (m) return guard('read', <SyncDetailPage id={Number(m[1])} />);
  if (path === '/tasks') return guard('read', <TasksPage />);
  if (path === '/audit') return guard('read', <AuditPage />);
  if (path === '/settings') return guard('admin', <SettingsPage />);
  if (path === '/my-access') return <MyAccessPage />;
  return <NotFound path={path} />;
}

function Home({ me }: { me: Me }) {
  const target = can(me, 'read') ? '/access' : '/my-access';
  useEffect(() => navigate(target, { replace: true }), [target]);
  return <Loading />;
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
