import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assessPrivileged, awsManagedPolicyName, PRIVILEGED_AWS_MANAGED_POLICIES, type PolicyToAssess } from './privileged.ts';

type Statement = Record<string, unknown>;
const allow = (Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Action, Resource, ...extra });
const inline = (...Statement: Statement[]): PolicyToAssess => ({ name: 'Inline', document: { Version: '2012-10-17', Statement } });
const assess = (...statements: Statement[]) => assessPrivileged([inline(...statements)]);

describe('AWS managed policies', () => {
  test.each(Object.keys(PRIVILEGED_AWS_MANAGED_POLICIES))('%s is privileged by its ARN alone', (name) => {
    expect(assessPrivileged([{ name, arn: `arn:aws:iam::aws:policy/${name}` }])).toEqual({ privileged: true, reasons: [`${name} (AWS managed)`] });
  });

  test('are recognised in every partition, and never by name alone or in a customer account', () => {
    expect(assessPrivileged([{ name: 'AdministratorAccess', arn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' }]).privileged).toBe(true);
    expect(assessPrivileged([{ name: 'AdministratorAccess' }]).privileged).toBe(false);
    expect(assessPrivileged([{ name: 'AdministratorAccess', arn: 'arn:aws:iam::123456789012:policy/AdministratorAccess' }]).privileged).toBe(false);
    expect(assessPrivileged([{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }])).toEqual({ privileged: false, reasons: [] });
    // The list is a plain object: names of its prototype's members are no policies of it.
    expect(assessPrivileged([{ name: 'toString', arn: 'arn:aws:iam::aws:policy/toString' }]).privileged).toBe(false);
  });

  test('keep their path, so a service-role policy of the same name is not taken for the listed one', () => {
    expect(awsManagedPolicyName('arn:aws:iam::aws:policy/job-function/SystemAdministrator')).toBe('job-function/SystemAdministrator');
    expect(assessPrivileged([{ name: 'x', arn: 'arn:aws:iam::aws:policy/service-role/AdministratorAccess' }]).privileged).toBe(false);
  });

  test("a customer policy named like one is judged by its document", () => {
    const policy = { name: 'AdministratorAccess', arn: 'arn:aws:iam::123456789012:policy/AdministratorAccess', document: { Statement: [allow('s3:GetObject')] } };
    expect(assessPrivileged([policy]).privileged).toBe(false);
  });
});

describe('statements', () => {
  test.each([
    [allow('*'), 'Allows * on * (Inline)'],
    [allow('*:*'), 'Allows * on * (Inline)'],
    [allow('iam:*'), 'Allows iam:* on * (Inline)'],
    [allow('organizations:*'), 'Allows organizations:* on * (Inline)'],
    [allow('iam:PassRole'), 'Allows iam:PassRole on * (Inline)'],
    [allow('sts:AssumeRole'), 'Allows sts:AssumeRole on * (Inline)'],
    [allow('iam:CreateAccessKey'), 'Allows privilege escalation (iam:CreateAccessKey) on * (Inline)'],
    [allow('iam:UpdateAssumeRolePolicy'), 'Allows privilege escalation (iam:UpdateAssumeRolePolicy) on * (Inline)'],
    [allow(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion']), 'Allows privilege escalation (iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion) on * (Inline)'],
    [allow('sso:CreateAccountAssignment'), 'Allows privilege escalation (sso:CreateAccountAssignment) on * (Inline)'],
    [allow('iam:PassRole', 'arn:aws:iam::*:role/*'), 'Allows iam:PassRole on arn:aws:iam::*:role/* (Inline)'],
    [allow('sts:AssumeRole', ['arn:aws:iam::111122223333:role/*']), 'Allows sts:AssumeRole on arn:aws:iam::111122223333:role/* (Inline)'],
  ])('%j: %s', (statement, reason) => {
    expect(assess(statement)).toEqual({ privileged: true, reasons: [reason] });
  });

  test.each([
    allow('s3:*'),
    allow(['iam:Get*', 'iam:List*']),
    allow('iam:PassRole', 'arn:aws:iam::111122223333:role/lambda-*'),
    allow('sts:AssumeRole', 'arn:aws:iam::111122223333:role/ReadOnly'),
    allow('iam:PassRole', 'arn:aws:s3:::*'),
    allow('*', 'arn:aws:s3:::my-bucket/*'),
    deny('*'),
  ])('%j is not privileged', (statement) => {
    expect(assess(statement)).toEqual({ privileged: false, reasons: [] });
  });

  test('a statement without Resource, which IAM refuses, is read as on every resource', () => {
    expect(assess({ Effect: 'Allow', Action: 'iam:*' }).reasons).toEqual(['Allows iam:* on * (Inline)']);
  });

  test('wildcards inside action names match as IAM matches them, ignoring case', () => {
    expect(assess(allow('iam:*Policy*')).reasons).toEqual(['Allows privilege escalation (iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:AttachUserPolicy, iam:AttachGroupPolicy and 5 more) on * (Inline)']);
    expect(assess(allow('IAM:passrole')).reasons).toEqual(['Allows iam:PassRole on * (Inline)']);
    expect(assess(allow('Iam:*')).reasons).toEqual(['Allows iam:* on * (Inline)']);
    expect(assess(allow('iam:Pass?ole')).privileged).toBe(true);
    expect(assess(allow('sts:Assume*')).reasons).toEqual(['Allows sts:AssumeRole on * (Inline)']);
  });

  test('a statement granting a whole service says so once, not action by action', () => {
    expect(assess(allow(['iam:*', 'sts:AssumeRole'])).reasons).toEqual(['Allows iam:* on * (Inline)', 'Allows sts:AssumeRole on * (Inline)']);
  });

  test('NotAction with Allow is read as broad; NotResource as every resource but some', () => {
    expect(assess({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }).reasons).toEqual(['Allows every action except iam:*, organizations:* on * (Inline)']);
    expect(assess({ Effect: 'Allow', NotAction: 's3:*', Resource: 'arn:aws:s3:::logs' }).privileged).toBe(false);
    expect(assess({ Effect: 'Allow', NotAction: '*', Resource: '*' }).privileged).toBe(false);
    expect(assess({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::*:role/Admin' }).reasons).toEqual([
      'Allows iam:PassRole on every resource except arn:aws:iam::*:role/Admin (Inline)',
    ]);
  });

  test('a Condition keeps the flag and says so', () => {
    const statement = allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } });
    expect(assess(statement)).toEqual({ privileged: true, reasons: ['Allows iam:PassRole on * (Inline; conditional)'] });
  });
});

describe('Deny', () => {
  test('an unconditional Deny on * cancels what it covers, in any policy of the set', () => {
    expect(assess(allow('iam:PassRole'), deny('iam:PassRole')).privileged).toBe(false);
    expect(assess(allow('iam:*'), deny('iam:*')).privileged).toBe(false);
    expect(assess(allow('*'), deny('*')).privileged).toBe(false);
    expect(assessPrivileged([inline(allow('sts:AssumeRole')), { name: 'Guard', document: { Statement: [deny('sts:*')] } }]).privileged).toBe(false);
    expect(assess(allow('iam:PassRole'), { Effect: 'Deny', NotAction: 's3:*', Resource: '*' }).privileged).toBe(false);
  });

  test('a Deny that covers only part of the grant leaves the rest', () => {
    expect(assess(allow('*'), deny('iam:*')).reasons).toEqual(['Allows * on * (Inline)']);
    expect(assess(allow('iam:*'), deny('iam:PassRole')).reasons).toEqual(['Allows iam:* on * (Inline)']);
    expect(assess(allow(['iam:PassRole', 'sts:AssumeRole']), deny('iam:PassRole')).reasons).toEqual(['Allows sts:AssumeRole on * (Inline)']);
  });

  test('a conditional Deny, or one on some resources, is not weighed', () => {
    const conditional = deny('iam:PassRole', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } });
    expect(assess(allow('iam:PassRole'), conditional).privileged).toBe(true);
    expect(assess(allow('iam:PassRole'), deny('iam:PassRole', 'arn:aws:iam::*:role/Admin')).privileged).toBe(true);
  });
});

describe('documents', () => {
  const document = { Version: '2012-10-17', Statement: [allow('iam:PassRole')] };

  test('as JSON text, as IAM\'s URL-encoded JSON, or with Statement as a single object', () => {
    for (const form of [JSON.stringify(document), encodeURIComponent(JSON.stringify(document)), { Statement: allow('iam:PassRole') }]) {
      expect(assessPrivileged([{ name: 'p', document: form }]).reasons).toEqual(['Allows iam:PassRole on * (p)']);
    }
  });

  test('JSON holding a % that is no escape is read as JSON', () => {
    const text = JSON.stringify({ Statement: [allow('iam:PassRole', '*', { Condition: { StringLike: { 'aws:UserAgent': '100%' } } })] });
    expect(assessPrivileged([{ name: 'p', document: text }]).privileged).toBe(true);
  });

  test.each([
    ['{"Statement": [', 'neither JSON nor URL-encoded JSON'],
    ['%E0%A4%A', 'neither JSON nor URL-encoded JSON'],
    ['"text"', 'not a JSON object'],
    [{ Version: '2012-10-17' }, 'no Statement'],
  ])('%j is unreadable: not privileged, and the reasons say so', (form, why) => {
    expect(assessPrivileged([{ name: 'p', document: form }])).toEqual({ privileged: false, reasons: [`p: unreadable policy (${why}), not assessed`] });
  });

  test('an unreadable policy does not hide what the others grant', () => {
    const verdict = assessPrivileged([{ name: 'bad', document: '{' }, { name: 'good', document }]);
    expect(verdict).toEqual({ privileged: true, reasons: ['Allows iam:PassRole on * (good)', 'bad: unreadable policy (neither JSON nor URL-encoded JSON), not assessed'] });
  });
});

describe('properties', () => {
  const action = fc.constantFrom('*', 'iam:*', 'iam:PassRole', 'iam:*Policy*', 'sts:AssumeRole', 's3:GetObject', 'ec2:*', 'iam:Get*', 'organizations:*', 'sso:*');
  const resource = fc.constantFrom('*', 'arn:aws:iam::*:role/*', 'arn:aws:s3:::bucket/*', 'arn:aws:iam::111122223333:role/app');
  const allowStatement = fc.record({ Effect: fc.constant('Allow'), Action: fc.array(action, { minLength: 1, maxLength: 3 }), Resource: resource });

  test('adding Allow statements never removes the flag', () => {
    fc.assert(
      fc.property(fc.array(allowStatement, { maxLength: 4 }), fc.array(allowStatement, { minLength: 1, maxLength: 3 }), (before, added) => {
        if (assess(...before).privileged) expect(assess(...before, ...added).privileged).toBe(true);
      }),
    );
  });

  test('the case of action names and the URL-encoding of the document change nothing', () => {
    fc.assert(
      fc.property(fc.array(allowStatement, { minLength: 1, maxLength: 4 }), (statements) => {
        const upper = statements.map((s) => ({ ...s, Action: s.Action.map((a) => a.toUpperCase()) }));
        const text = encodeURIComponent(JSON.stringify({ Statement: statements }));
        const verdict = assess(...statements);
        expect(assess(...upper).privileged).toBe(verdict.privileged);
        expect(assessPrivileged([{ name: 'Inline', document: text }])).toEqual(verdict);
      }),
    );
  });

  test('never throws, whatever the document', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.json()), (document) => {
        expect(() => assessPrivileged([{ name: 'p', document }])).not.toThrow();
      }),
    );
  });
});
