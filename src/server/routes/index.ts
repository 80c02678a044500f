import type { App } from '../../app.ts';
import type { ServerApp } from '../server-app.ts';
import { accessRoutes } from './access.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { connectorRoutes } from './connectors.ts';
import { evidenceRoutes } from './evidence.ts';
import { inboxRoutes } from './inbox.ts';
import { meRoutes } from './me.ts';
import { notificationRoutes } from './notifications.ts';
import { ownerRoutes } from './owners.ts';
import { peopleRoutes } from './people.ts';
import { privilegedMarkRoutes } from './privileged-marks.ts';
import { provisioningRoutes } from './provisioning.ts';
import { requestRoutes } from './requests.ts';
import { reviewRoutes } from './reviews.ts';
import { slackRoutes } from './slack.ts';
import { syncRoutes } from './syncs.ts';
import { tokenRoutes } from './tokens.ts';
import { userRoutes } from './users.ts';

/** Every capability's routes; each module declares its paths, schemas and who may call them. */
export function registerRoutes(server: ServerApp, app: App): void {
  server.get('/api/health', { config: { access: 'anyone' }, schema: { operationId: 'health', tags: ['system'], hide: true } }, async () => ({ ok: true }));
  authRoutes(server, app);
  meRoutes(server, app);
  inboxRoutes(server, app);
  notificationRoutes(server, app);
  userRoutes(server, app);
  tokenRoutes(server, app);
  connectorRoutes(server, app);
  syncRoutes(server, app);
  accessRoutes(server, app);
  peopleRoutes(server, app);
  ownerRoutes(server, app);
  privilegedMarkRoutes(server, app);
  provisioningRoutes(server, app);
  reviewRoutes(server, app);
  requestRoutes(server, app);
  auditRoutes(server, app);
  evidenceRoutes(server, app);
  slackRoutes(server, app);
}
