import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { API_TYPES_FILE, generateApiTypes, REGENERATE_COMMAND } from '../../scripts/api-types.ts';
import { freshStore } from '../harness/store-test.ts';

// The web types its API calls with web/src/api-types.gen.ts; a route schema changed without regenerating
// it would let the web compile against answers the server no longer gives.
test('the committed web API types are what the server OpenAPI document generates now', async () => {
  const store = await freshStore('pglite');
  try {
    const generated = await generateApiTypes(store);
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(committed, `web/src/api-types.gen.ts is stale: run \`${REGENERATE_COMMAND}\` and commit it`).toBe(generated);
  } finally {
    await store.close();
  }
});
