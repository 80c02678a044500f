import { useEffect } from 'react';
import { accessRoutes } from './access/routes.tsx';
import { auditRoutes } from './audit/routes.tsx';
import { can, useMe } from './auth/session.tsx';
import { connectorRoutes } from './connectors/routes.tsx';
import { evidenceRoutes } from './evidence/routes.tsx';
import { meRoutes } from './me/routes.tsx';
import { notificationRoutes } from './notifications/routes.tsx';
import { provisioningRoutes } from './provisioning/routes.tsx';
import { requestRoutes } from './requests/routes.tsx';
import { reviewRoutes } from './reviews/routes.tsx';
import { navigate, type Route } from './router.ts';
import { settingsRoutes } from './settings/routes.tsx';
import { syncRoutes } from './syncs/routes.tsx';
import { Loading } from './ui/feedback.tsx';

/**
 * Every page behind the sign-in gate: the start page, then each capability's own table. Sign-in itself is not here:
 * app.tsx shows it to whoever is not signed in, at any path.
 */
export const ROUTES: readonly Route[] = [
  { path: '/', needs: 'signed-in', page: () => <Home /> },
  ...accessRoutes,
  ...connectorRoutes,
  ...syncRoutes,
  ...provisioningRoutes,
  ...reviewRoutes,
  ...requestRoutes,
  ...auditRoutes,
  ...evidenceRoutes,
  ...settingsRoutes,
  ...meRoutes,
  ...notificationRoutes,
];

/** `/` leads to the access explorer, or to one's own access for a role that may not read everyone's. */
function Home() {
  const me = useMe();
  const target = can(me, 'read') ? '/access' : '/my-access';
  useEffect(() => navigate(target, { replace: true }), [target]);
  return <Loading />;
}
