import { bindDb, type Db } from '../store/index.ts';
import { answerAccess, answerAccessPage, firstSyncAt } from './access-query.ts';
import type { ActorNamer } from './diff-causes.ts';
import { diffRuns } from './diff-runs.ts';
import { grantsAt, grantsAtPage, grantTotals } from './grants-at.ts';
import { getPerson, listPeople, personWithEmail } from './people-query.ts';
import { listPrivilegedMarks, markPrivileged, unmarkPrivileged, type MarkPrivilegedInput } from './privileged-marks.ts';
import { resolveName } from './resolve-names.ts';
import { searchInventory } from './search.ts';

export type AccessServiceDeps = {
  db: Db;
  /** Names who asked for the tasks a diff shows as causes (identity's `actorNames`). */
  actorNames?: ActorNamer;
};

/** The read models over the app's inventory, and administrators' privileged marks, as the doors ask them; the queries stay where they are. */
export function createAccessService({ db, actorNames }: AccessServiceDeps) {
  return {
    answerAccess: bindDb(db, answerAccess),
    answerAccessPage: bindDb(db, answerAccessPage),
    firstSyncAt: bindDb(db, firstSyncAt),
    grantsAt: bindDb(db, grantsAt),
    grantsAtPage: bindDb(db, grantsAtPage),
    grantTotals: bindDb(db, grantTotals),
    diffRuns: (fromRunId: number, toRunId: number) => diffRuns(db, fromRunId, toRunId, actorNames ? { actorNames } : {}),
    listPeople: bindDb(db, listPeople),
    getPerson: bindDb(db, getPerson),
    personWithEmail: bindDb(db, personWithEmail),
    searchInventory: bindDb(db, searchInventory),
    resolveName: bindDb(db, resolveName),
    // The one write of access: administrators' marks, each with its audit event, named by identity's actorNames.
    markPrivileged: (input: MarkPrivilegedInput, actor: string) => markPrivileged(db, input, { actor, ...(actorNames ? { actorNames } : {}) }),
    unmarkPrivileged: (id: string, input: { reason: string }, actor: string) => unmarkPrivileged(db, id, input, { actor, ...(actorNames ? { actorNames } : {}) }),
    listPrivilegedMarks: bindDb(db, listPrivilegedMarks),
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
