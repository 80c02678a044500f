import type { Route } from '../router.ts';
import { AccessPage } from './access-page.tsx';

export const accessRoutes: Route[] = [{ path: '/access', needs: 'read', page: () => <AccessPage /> }];
