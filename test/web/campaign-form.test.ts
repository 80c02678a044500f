import { expect, test } from 'vitest';
import { draftInput, draftScope, EMPTY_DRAFT, previewInput, splitList } from '../../web/src/reviews/campaign-form.ts';

const CONNECTOR = '11111111-1111-4111-8111-111111111111';
const fallback = { id: '22222222-2222-4222-8222-222222222222', displayName: 'Fay Fallback', email: 'fay@example.com' };

test('no body until a connector and a fallback reviewer are chosen', () => {
  expect(draftInput(EMPTY_DRAFT)).toBeNull();
  expect(draftInput({ ...EMPTY_DRAFT, connectorId: CONNECTOR })).toBeNull();
  expect(draftInput({ ...EMPTY_DRAFT, connectorId: CONNECTOR, fallback })).not.toBeNull();
});

test('empty filters are left out of the scope; lists split on lines and commas; / is the root OU path', () => {
  expect(draftScope({ ...EMPTY_DRAFT, connectorId: CONNECTOR })).toEqual({ connectorId: CONNECTOR });
  expect(
    draftScope({
      ...EMPTY_DRAFT,
      connectorId: CONNECTOR,
      accountIds: '111122223333, 444455556666\n',
      ouPaths: '/\nWorkloads/Prod',
      principalTypes: ['iam_role'],
      privilegedOnly: true,
      peopleMode: 'named',
      people: [fallback],
    }),
  ).toEqual({
    connectorId: CONNECTOR,
    accountIds: ['111122223333', '444455556666'],
    ouPaths: ['', 'Workloads/Prod'],
    principalTypes: ['iam_role'],
    privilegedOnly: true,
    people: { mode: 'named', personIds: [fallback.id] },
  });
  expect(splitList(' , \n')).toBeUndefined();
});

test('the reviewer plan keeps stage and policy order, named reviewers by id, and the options in seconds', () => {
  const input = draftInput({
    ...EMPTY_DRAFT,
    name: 'Q4 review',
    connectorId: CONNECTOR,
    fallback,
    stages: [[{ kind: 'manager' }, { kind: 'named', people: [fallback], rrcuGroup: '' }], [{ kind: 'owner', includeTagOwners: false }], [{ kind: 'owner', includeTagOwners: true }, { kind: 'named', people: [], rrcuGroup: 'auditor' }]],
    maxSyncAgeHours: 2,
    requireCommentOnKeep: true,
    dueAt: '2026-12-31T00:00:00.000Z',
  })!;
  expect(input.reviewerPlan.stages).toEqual([
    { policies: [{ kind: 'manager' }, { kind: 'named', personIds: [fallback.id] }] },
    { policies: [{ kind: 'owner', includeTagOwners: false }] },
    { policies: [{ kind: 'owner', includeTagOwners: true }, { kind: 'named', rrcuGroup: 'auditor' }] },
  ]);
  expect(input.reviewerPlan.fallbackPersonId).toBe(fallback.id);
  expect(input.options).toEqual({
    requireCommentOnKeep: true, remediateImmediately: false, maxSyncAgeSeconds: 7200, reminderDaysBeforeDue: [3], remindDailyAfterDue: true, escalateAfterDays: 2, endsAt: null, granterLookbackDays: 90,
  });
  expect(input.dueAt).toBe('2026-12-31T00:00:00.000Z');
  expect(input.recurrenceCron).toBeNull();
});

test('a draft without a name still previews', () => {
  expect(previewInput({ ...EMPTY_DRAFT, connectorId: CONNECTOR, fallback })!.name).toBe('Preview');
});

test('every campaign option is set from the form: reminder days as a list, escalation off when empty, the end date, recurrence trimmed', () => {
  const input = draftInput({
    ...EMPTY_DRAFT,
    connectorId: CONNECTOR,
    fallback,
    reminderDaysBeforeDue: '7, 1',
    remindDailyAfterDue: false,
    escalateAfterDays: '',
    endsAt: '2027-01-15T17:00:00.000Z',
    granterLookbackDays: 30,
    recurrenceCron: ' 0 6 1 1,4,7,10 * ',
  })!;
  expect(input.options).toMatchObject({ reminderDaysBeforeDue: [7, 1], remindDailyAfterDue: false, escalateAfterDays: null, endsAt: '2027-01-15T17:00:00.000Z', granterLookbackDays: 30 });
  expect(input.recurrenceCron).toBe('0 6 1 1,4,7,10 *');
  expect(draftInput({ ...EMPTY_DRAFT, connectorId: CONNECTOR, fallback, reminderDaysBeforeDue: '' })!.options!.reminderDaysBeforeDue).toEqual([]);
});
