import { expect, test } from 'vitest';
import { documentOf, formOf, lines, newPolicyDocument, parseDocument } from '../../web/src/requests/policy-form.ts';
import type { PolicyDocument } from '../../web/src/requests/types.ts';

const doc: PolicyDocument = {
  ...newPolicyDocument('Simulated organisation'),
  name: 'Production read-only',
  requestable: [
    { kind: 'permission_set', permissionSet: 'ReadOnlyAccess', accounts: ['payments-prod', '444455556666'] },
    { kind: 'permission_set', permissionSet: 'ViewOnlyAccess', accounts: ['payments-prod', '444455556666'] },
    { kind: 'sso_group', group: 'Oncall' },
  ],
  eligibility: { everyone: false, ssoGroups: ['Engineering'], people: ['ada@example.com'], attributes: [{ attribute: 'department', equals: ['Platform', 'SRE'] }] },
  approvalSteps: [{ approvals: 2, approvers: [{ kind: 'people', emails: ['bob@example.com'] }, { kind: 'rrcu_role', role: 'connector_admin' }, { kind: 'manager' }] }],
  autoApproval: [{ permissionSets: ['ReadOnlyAccess'], window: { timeZone: 'Europe/Berlin', days: ['mon'], from: '09:00', to: '17:00' } }],
  pendingTimeoutHours: 24,
};

test('a document read into the form and written back is the same document; what the form does not show is kept', () => {
  const read = formOf(doc);
  expect(read.ok).toBe(true);
  if (!read.ok) return;
  expect(read.form.permissionSets).toBe('ReadOnlyAccess\nViewOnlyAccess');
  expect(read.form.eligibleAttributes).toBe('department: Platform, SRE');
  expect(read.form.approverRole).toBe('connector_admin');
  const back = documentOf(read.form, doc);
  expect(back).toEqual({ ...doc, description: '', ticket: { required: false }, breakGlass: { allowed: false } });
  expect(back.autoApproval).toEqual(doc.autoApproval);
  expect(back.pendingTimeoutHours).toBe(24);
});

test('the form writes its fields: every account with *, an approval step from the sources ticked, break-glass with its own maximum', () => {
  const read = formOf(newPolicyDocument('c'));
  if (!read.ok) throw new Error(read.why);
  const d = documentOf({ ...read.form, name: ' Ops ', accounts: '*', permissionSets: 'AdministratorAccess', approverRole: '', approverOwner: true, approvals: 1, breakGlass: true, breakGlassMaxMinutes: '30' }, newPolicyDocument('c'));
  expect(d.name).toBe('Ops');
  expect(d.requestable).toEqual([{ kind: 'permission_set', permissionSet: 'AdministratorAccess', accounts: '*' }]);
  expect(d.approvalSteps).toEqual([{ approvals: 1, approvers: [{ kind: 'owner', includeTagOwners: false }] }]);
  expect(d.breakGlass).toEqual({ allowed: true, maxDurationMinutes: 30 });
});

test('a document the form cannot show whole says why (it is edited as JSON)', () => {
  expect(formOf({ ...doc, requestable: [{ kind: 'iam_group', group: 'Admins' }] })).toEqual({ ok: false, why: 'It makes an IAM group requestable.' });
  expect(formOf({ ...doc, approvalSteps: [doc.approvalSteps![0]!, doc.approvalSteps![0]!] })).toMatchObject({ ok: false, why: 'It has several approval steps.' });
  expect(formOf({ ...doc, requestable: [{ kind: 'permission_set', permissionSet: 'A', accounts: '*' }, { kind: 'permission_set', permissionSet: 'B', accounts: ['x'] }] })).toMatchObject({ ok: false });
});

test('lists split on lines and commas; the JSON tab says what does not parse', () => {
  expect(lines('a, b\n\n c ')).toEqual(['a', 'b', 'c']);
  expect(parseDocument('{"name": "x"}')).toEqual({ ok: true, document: { name: 'x' } });
  expect(parseDocument('[1]')).toEqual({ ok: false, error: 'A policy is a JSON object.' });
  expect(parseDocument('{').ok).toBe(false);
});
