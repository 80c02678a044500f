import { useEffect } from 'react';
import { navigate, type Route } from '../router.ts';
import { Loading } from '../ui/feedback.tsx';
import { CampaignDetailPage } from './campaign-detail-page.tsx';
import { CampaignsPage } from './campaigns-page.tsx';
import { CreateCampaignPage } from './create-campaign-page.tsx';
import { ItemDetailPage } from './item-detail.tsx';
import { MyReviewsPage } from './my-reviews-page.tsx';

/** The links the reviews service writes into notifications (`/reviews/mine?campaign=…`, `/reviews/:id/items/:item`) lead to the pages below. */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

function myReviewsOf(query: string): string {
  const campaign = new URLSearchParams(query).get('campaign');
  return campaign ? `/my-reviews?${new URLSearchParams({ campaignId: campaign }).toString()}` : '/my-reviews';
}

/** Campaigns for those who read everything (administrators create them; the API checks); My reviews and an item for every signed-in person. */
export const reviewRoutes: Route[] = [
  { path: '/reviews', needs: 'read', page: () => <CampaignsPage /> },
  { path: '/reviews/new', needs: 'operate', page: () => <CreateCampaignPage /> },
  { path: '/reviews/mine', needs: 'signed-in', page: () => <Redirect to={myReviewsOf(location.search)} /> },
  { path: /^\/reviews\/[^/]+\/items\/([^/]+)$/, needs: 'signed-in', page: ([item]) => <Redirect to={`/review-items/${item!}`} /> },
  { path: /^\/reviews\/([^/]+)$/, needs: 'read', page: ([id]) => <CampaignDetailPage id={decodeURIComponent(id!)} /> },
  { path: '/my-reviews', needs: 'signed-in', page: () => <MyReviewsPage /> },
  { path: /^\/review-items\/([^/]+)$/, needs: 'signed-in', page: ([id]) => <ItemDetailPage id={decodeURIComponent(id!)} /> },
];
