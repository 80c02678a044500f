import type { Route } from '../router.ts';
import { SyncDetailPage } from './sync-detail-page.tsx';
import { SyncsPage } from './syncs-page.tsx';

export const syncRoutes: Route[] = [
  { path: '/syncs', needs: 'read', page: () => <SyncsPage /> },
  { path: /^\/syncs\/(\d+)$/, needs: 'read', page: ([id]) => <SyncDetailPage id={Number(id)} /> },
];
