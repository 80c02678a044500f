import type { Route } from '../router.ts';
import { AuditPage } from './audit-page.tsx';

export const auditRoutes: Route[] = [{ path: '/audit', needs: 'read', page: () => <AuditPage /> }];
