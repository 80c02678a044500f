import type { Route } from '../router.ts';
import { MyAccessPage } from './my-access-page.tsx';

export const meRoutes: Route[] = [{ path: '/my-access', needs: 'signed-in', page: () => <MyAccessPage /> }];
