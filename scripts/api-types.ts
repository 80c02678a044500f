/**
 * The web's API types, generated from the OpenAPI document the server publishes at /api/docs/json: the
 * server is built in-process on an in-memory store (no port, no AWS), its document handed to
 * openapi-typescript. `npm run generate:api-types` writes the result to web/src/api-types.gen.ts;
 * test/web/api-types.test.ts fails when the committed file differs from what this produces.
 */
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { createApp } from '../src/app.ts';
import { configSchema } from '../src/config/index.ts';
import { createServer } from '../src/server/app.ts';
import { openStore, type Store } from '../src/store/index.ts';

export const API_TYPES_FILE = fileURLToPath(new URL('../web/src/api-types.gen.ts', import.meta.url));
export const REGENERATE_COMMAND = 'npm run generate:api-types';

const HEADER = `/**
 * Generated from the server's OpenAPI document (GET /api/docs/json) by scripts/generate-api-types.ts.
 * Do not edit: change the route schemas in src/, then run \`${REGENERATE_COMMAND}\`.
 */

`;

/** The OpenAPI document as the server publishes it. `store` is any migrated store (default: a fresh in-memory one). */
export async function openApiDocument(store?: Store): Promise<OpenAPI3> {
  const own = store ? undefined : await openStore({ dataDir: 'memory://' });
  // The document depends only on the routes' schemas: settings and data do not change it.
  const config = configSchema.parse({ dataDir: 'memory://', syncSchedule: 'off' });
  const app = await createApp({ config, store: (store ?? own)!, supervise: false });
  try {
    const { server } = await createServer(app, { webRoot: '/nonexistent' });
    await server.ready();
    const doc = server.swagger() as OpenAPI3;
    await server.close();
    return doc;
  } finally {
    await app.stop();
    await own?.close();
  }
}

/** The text of web/src/api-types.gen.ts for the server as it is now. */
export async function generateApiTypes(store?: Store): Promise<string> {
  const ast = await openapiTS(await openApiDocument(store), { silent: true, alphabetize: true });
  return HEADER + astToString(ast);
}
