import { describe, expect, test } from 'vitest';
import { RrcuError } from '../core/errors.ts';
import { vouchedSlackEmail, type InteractionOrigin } from './slack-identity.ts';

/** A person of workspace T1 as users.info gives them with users:read and users:read.email. */
const person = { id: 'U1', team_id: 'T1', deleted: false, is_bot: false, is_app_user: false, is_restricted: false, is_ultra_restricted: false, is_email_confirmed: true, profile: { email: 'ana@corp.example' } };
const fromT1: InteractionOrigin = { teamId: 'T1' };

function refusal(user: unknown, origin: InteractionOrigin = fromT1): { code: string; message: string } | undefined {
  try {
    vouchedSlackEmail(user, 'U1', origin);
    return undefined;
  } catch (e) {
    if (!(e instanceof RrcuError)) throw e;
    return { code: e.code, message: e.message };
  }
}

describe('vouchedSlackEmail', () => {
  test('a confirmed person of the workspace the click came from is their email', () => {
    expect(vouchedSlackEmail(person, 'U1', fromT1)).toBe('ana@corp.example');
  });

  test('guests are who Slack invited at that address: single- and multi-channel guests are not refused', () => {
    expect(vouchedSlackEmail({ ...person, is_restricted: true }, 'U1', fromT1)).toBe('ana@corp.example');
    expect(vouchedSlackEmail({ ...person, is_restricted: true, is_ultra_restricted: true }, 'U1', fromT1)).toBe('ana@corp.example');
  });

  test.each([
    ['an email the user has not confirmed (anyone may type any address into their profile)', { ...person, is_email_confirmed: false }, 'SLACK_EMAIL_UNCONFIRMED', /has not confirmed that your email address \(ana@corp\.example\) is yours/],
    ['an answer that does not say whether the email is confirmed', { ...person, is_email_confirmed: undefined }, 'SLACK_EMAIL_UNCONFIRMED', /did not say whether your email address \(ana@corp\.example\) is confirmed/],
    ['a deactivated account', { ...person, deleted: true }, 'SLACK_USER_DEACTIVATED', /is deactivated/],
    ['a bot, even one whose profile names an email', { ...person, is_bot: true }, 'SLACK_USER_NOT_A_PERSON', /is a bot or an app/],
    ['an app user', { ...person, is_app_user: true }, 'SLACK_USER_NOT_A_PERSON', /is a bot or an app/],
    ['a workflow bot', { ...person, is_workflow_bot: true }, 'SLACK_USER_NOT_A_PERSON', /is a bot or an app/],
    ['a user of another workspace', { ...person, team_id: 'T2' }, 'SLACK_USER_OTHER_WORKSPACE', /another workspace \(T2\) than the one this message came from \(T1\)/],
    ['no email (the app lacks users:read.email)', { ...person, profile: {} }, 'SLACK_USER_UNKNOWN', /did not give your email/],
    ['an answer with no user', undefined, 'SLACK_USER_UNKNOWN', /form RRCU does not know/],
  ])('refuses %s', (_, user, code, message) => {
    expect(refusal(user)).toEqual({ code, message: expect.stringMatching(message) });
  });

  test('a deactivated bot is refused as deactivated; a bot of another workspace as a bot: the first reason Slack gives wins', () => {
    expect(refusal({ ...person, deleted: true, is_bot: true })?.code).toBe('SLACK_USER_DEACTIVATED');
    expect(refusal({ ...person, is_bot: true, team_id: 'T2' })?.code).toBe('SLACK_USER_NOT_A_PERSON');
  });

  test('a click that names no workspace matches no user: refused', () => {
    expect(refusal(person, {})?.code).toBe('SLACK_USER_OTHER_WORKSPACE');
  });

  test('in an Enterprise Grid organisation a user of another of its workspaces, or of the organisation itself, is of the same organisation', () => {
    const gridUser = { ...person, team_id: 'T2', enterprise_user: { id: 'W1', enterprise_id: 'E1', teams: ['T2'] } };
    expect(vouchedSlackEmail(gridUser, 'U1', { teamId: 'T1', enterpriseId: 'E1' })).toBe('ana@corp.example');
    expect(vouchedSlackEmail({ ...person, team_id: 'E1' }, 'U1', { teamId: 'T1', enterpriseId: 'E1' })).toBe('ana@corp.example');
    expect(vouchedSlackEmail({ ...gridUser, enterprise_user: { enterprise_id: 'E9', teams: ['T2', 'T1'] } }, 'U1', fromT1)).toBe('ana@corp.example');
    // Another organisation (a Slack Connect partner) is not: its administrators vouch for its own users' emails.
    expect(refusal({ ...gridUser, enterprise_user: { enterprise_id: 'E9', teams: ['T2'] } }, { teamId: 'T1', enterpriseId: 'E1' })?.code).toBe('SLACK_USER_OTHER_WORKSPACE');
  });
});
