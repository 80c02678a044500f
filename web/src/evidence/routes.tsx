import type { Route } from '../router.ts';
import { EvidencePage } from './evidence-page.tsx';

export const evidenceRoutes: Route[] = [{ path: '/evidence', needs: 'read', page: () => <EvidencePage /> }];
