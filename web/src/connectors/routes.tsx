import type { Route } from '../router.ts';
import { ConnectorDetailPage } from './connector-detail-page.tsx';
import { ConnectorsPage } from './connectors-page.tsx';
import { ConnectorSetupPage } from './setup/connector-setup-page.tsx';

// `/connectors/new` before `/connectors/:id`, which would take "new" for an id.
export const connectorRoutes: Route[] = [
  { path: '/connectors', needs: 'read', page: () => <ConnectorsPage /> },
  { path: '/connectors/new', needs: 'operate', page: () => <ConnectorSetupPage /> },
  { path: /^\/connectors\/([^/]+)\/edit$/, needs: 'operate', page: ([id]) => <ConnectorSetupPage id={decodeURIComponent(id!)} /> },
  { path: /^\/connectors\/([^/]+)$/, needs: 'read', page: ([id]) => <ConnectorDetailPage id={decodeURIComponent(id!)} /> },
];
