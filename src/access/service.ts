import { bindDb, type Db } from '../store/index.ts';
import { answerAccess, answerAccessPage } from './access-query.ts';
import { diffRuns } from './diff-runs.ts';
import { grantsAt } from './grants-at.ts';
import { getPerson, listPeople, personWithEmail } from './people-query.ts';
import { resolveName } from './resolve-names.ts';
import { searchInventory } from './search.ts';

export type AccessServiceDeps = { db: Db };

/** The read models over the app's inventory, as the doors ask them; the queries stay where they are. */
export function createAccessService({ db }: AccessServiceDeps) {
  return {
    answerAccess: bindDb(db, answerAccess),
    answerAccessPage: bindDb(db, answerAccessPage),
    grantsAt: bindDb(db, grantsAt),
    diffRuns: bindDb(db, diffRuns),
    listPeople: bindDb(db, listPeople),
    getPerson: bindDb(db, getPerson),
    personWithEmail: bindDb(db, personWithEmail),
    searchInventory: bindDb(db, searchInventory),
    resolveName: bindDb(db, resolveName),
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
