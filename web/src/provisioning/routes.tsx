import type { Route } from '../router.ts';
import { TasksPage } from './tasks-page.tsx';

export const provisioningRoutes: Route[] = [{ path: '/tasks', needs: 'read', page: () => <TasksPage /> }];
