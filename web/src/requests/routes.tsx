import type { Route } from '../router.ts';
import { PoliciesPage } from './policies-page.tsx';
import { PolicyEditPage } from './policy-edit-page.tsx';
import { RequestAccessPage } from './request-access-page.tsx';
import { RequestDetailPage } from './request-detail-page.tsx';
import { AllRequestsPage, ApprovalsPage, MyRequestsPage } from './requests-pages.tsx';

/**
 * Just-in-time access requests: asking, one's own requests, approvals and a request's page for every signed-in
 * person (`/requests/:id` is where notifications lead; the API answers it to the requester, approvers,
 * administrators and auditors); every request and the policies for those who read everything (administrators
 * change policies; the API checks).
 */
export const requestRoutes: Route[] = [
  { path: '/request-access', needs: 'signed-in', page: () => <RequestAccessPage /> },
  { path: '/my-requests', needs: 'signed-in', page: () => <MyRequestsPage /> },
  { path: '/approvals', needs: 'signed-in', page: () => <ApprovalsPage /> },
  { path: '/requests', needs: 'read', page: () => <AllRequestsPage /> },
  { path: /^\/requests\/(\d+)$/, needs: 'signed-in', page: ([id]) => <RequestDetailPage id={id!} /> },
  { path: '/request-policies', needs: 'read', page: () => <PoliciesPage /> },
  { path: '/request-policies/new', needs: 'operate', page: () => <PolicyEditPage id={null} /> },
  { path: /^\/request-policies\/([^/]+)$/, needs: 'read', page: ([id]) => <PolicyEditPage id={decodeURIComponent(id!)} /> },
];
