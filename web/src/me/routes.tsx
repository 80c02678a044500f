import type { Route } from '../router.ts';
import { MyAccessPage } from './my-access-page.tsx';
import { NotificationPreferencesPage } from './notification-preferences-page.tsx';

export const meRoutes: Route[] = [
  { path: '/my-access', needs: 'signed-in', page: () => <MyAccessPage /> },
  { path: '/my-notifications', needs: 'signed-in', page: () => <NotificationPreferencesPage /> },
];
