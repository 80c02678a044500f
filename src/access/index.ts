/**
 * The access capability's surface: read models over the versioned inventory (who has what, at an
 * instant, through what; what changed between two syncs; people and search), and the one resolver of
 * the names people type, shared by every capability that takes a principal, account or group by name.
 */
export { accessFilter, answerAccess, answerAccessPage, firstSyncAt, toAccessRecord, literalPattern, type AccessQuestion, type AccessRecord } from './access-query.ts';
export { accessCsv, ACCESS_CSV_COLUMNS } from './access-csv.ts';
export { accessRecordSchema, accessTotalsSchema } from './access-record-schema.ts';
export { diffCauseSchema, findCauses, type ActorNamer, type CauseFinder, type DiffCause, type GrantRef } from './diff-causes.ts';
export { diffRowSchema, diffRuns, type DiffOptions, type DiffRow, type RunDiff } from './diff-runs.ts';
export { isPermissionSetEntitlement, isProvisionableEntitlement } from './entitlement-kinds.ts';
export { ACCESS_ERRORS } from './errors.ts';
export { cursorOf, grantsAt, grantsAtPage, grantTotals, type AccessCursor, type AccessFilter, type AccessRow, type AccessTotals, type HeldRequest, type PendingChange } from './grants-at.ts';
export {
  listPrivilegedMarks,
  markPrivileged,
  markPrivilegedInputSchema,
  privilegedMarkViewSchema,
  toPrivilegedMarkView,
  unmarkPrivileged,
  unmarkPrivilegedInputSchema,
  type MarkPrivilegedInput,
  type PrivilegedMarkFilter,
  type PrivilegedMarkView,
} from './privileged-marks.ts';
export { getPerson, listPeople, personViewSchema, personWithEmail, type PeopleFilter, type PersonPrincipal, type PersonView } from './people-query.ts';
export { findNamed, listCandidates, resolveName, type NameKind, type NamedResource, type NameScope } from './resolve-names.ts';
export { createAccessService, type AccessService, type AccessServiceDeps } from './service.ts';
export { runInForce as syncRunInForce } from './whole-answer-totals.ts';
export { SEARCH_KINDS, searchInventory, type SearchHit, type SearchKind } from './search.ts';
