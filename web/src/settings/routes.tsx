import type { Route } from '../router.ts';
import { SettingsPage } from './settings-page.tsx';

export const settingsRoutes: Route[] = [{ path: '/settings', needs: 'signed-in', page: () => <SettingsPage /> }];
