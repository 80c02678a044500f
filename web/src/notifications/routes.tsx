import type { Route } from '../router.ts';
import { InboxPage } from './inbox-page.tsx';

export const notificationRoutes: Route[] = [{ path: '/inbox', needs: 'signed-in', page: () => <InboxPage /> }];
