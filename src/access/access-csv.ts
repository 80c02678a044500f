import { toCsv } from '../core/csv.ts';
import { heldRequestNote, pendingNote } from '../core/pending-change.ts';
import type { AccessRecord } from './access-query.ts';

// Typed as a record so the columns cannot drift from AccessRecord: a field added there fails to compile here.
// An administrator's mark is in `privilegedReasons` ("marked by …: …"); its id and time, and the key it
// names, are the API's.
const COLUMNS: Record<Exclude<keyof AccessRecord, 'privilegedMark' | 'entitlementKey'>, true> = {
  grantId: true,
  principalType: true,
  principalId: true,
  principalName: true,
  resourceType: true,
  resourceId: true,
  resourceName: true,
  entitlement: true,
  permissionSetArn: true,
  via: true,
  viaName: true,
  seenFrom: true,
  connectorId: true,
  privileged: true,
  privilegedReasons: true,
  pending: true,
  request: true,
};

/** The CSV header: the JSON record's field names, in its order. */
export const ACCESS_CSV_COLUMNS = Object.keys(COLUMNS) as (keyof AccessRecord)[];

/** Access records as CSV with a header row, formula-safe (`rrcu access --csv` and GET /api/access.csv). */
export function accessCsv(records: readonly AccessRecord[]): string {
  return toCsv(ACCESS_CSV_COLUMNS, records.map((r) => ACCESS_CSV_COLUMNS.map((c) => (c === 'pending' ? pendingNote(r.pending) : c === 'request' ? heldRequestNote(r.request) : Array.isArray(r[c]) ? r[c].join('; ') : r[c]))));
}
