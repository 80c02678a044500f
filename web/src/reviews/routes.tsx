import type { Route } from '../router.ts';
import { CampaignDetailPage } from './campaign-detail-page.tsx';
import { CampaignsPage } from './campaigns-page.tsx';
import { CreateCampaignPage } from './create-campaign-page.tsx';
import { ItemDetailPage } from './item-detail.tsx';
import { MyReviewsPage } from './my-reviews-page.tsx';

/** Campaigns for those who read everything (administrators create them; the API checks); My reviews and an item for every signed-in person. */
export const reviewRoutes: Route[] = [
  { path: '/reviews', needs: 'read', page: () => <CampaignsPage /> },
  { path: '/reviews/new', needs: 'operate', page: () => <CreateCampaignPage /> },
  { path: /^\/reviews\/([^/]+)$/, needs: 'read', page: ([id]) => <CampaignDetailPage id={decodeURIComponent(id!)} /> },
  { path: '/my-reviews', needs: 'signed-in', page: () => <MyReviewsPage /> },
  { path: /^\/review-items\/([^/]+)$/, needs: 'signed-in', page: ([id]) => <ItemDetailPage id={decodeURIComponent(id!)} /> },
];
