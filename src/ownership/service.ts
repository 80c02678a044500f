import { bindDb, type Db } from '../store/index.ts';
import { listOwners, ownersOf, removeOwner, setOwner, type ActorNamer } from './owners.ts';
import type { OwnerListFilter } from './schemas.ts';

export type OwnershipServiceDeps = {
  db: Db;
  /** Names who set and removed owners (identity's `actorNames`). */
  actorNames?: ActorNamer;
};

/** Resource owners on the app's store, as the doors and the reviews ask for them. */
export function createOwnershipService({ db, actorNames }: OwnershipServiceDeps) {
  return {
    setOwner: bindDb(db, setOwner),
    removeOwner: bindDb(db, removeOwner),
    listOwners: (filter: OwnerListFilter) => listOwners(db, filter, actorNames ? { actorNames } : {}),
    ownersOf: bindDb(db, ownersOf),
  };
}

export type OwnershipService = ReturnType<typeof createOwnershipService>;
