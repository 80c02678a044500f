import { describe, expect, test } from 'vitest';
import { RrcuError } from '../core/errors.ts';
import { vouchedSlackEmail, type ClickWorkspaces } from './slack-identity.ts';

/** A person of workspace T1 as users.info gives them with users:read and users:read.email. */
const person = { id: 'U1', team_id: 'T1', deleted: false, is_bot: false, is_app_user: false, is_restricted: false, is_ultra_restricted: false, is_email_confirmed: true, profile: { email: 'ana@corp.example' } };
const fromT1: ClickWorkspaces = { app: { teamId: 'T1' }, interaction: { teamId: 'T1' } };

function refusal(user: unknown, workspaces: ClickWorkspaces = fromT1): { code: string; message: string } | undefined {
  try {
    vouchedSlackEmail(user, 'U1', workspaces);
    return undefined;
  } catch (e) {
    if (!(e instanceof RrcuError)) throw e;
    return { code: e.code, message: e.message };
  }
}

// The rules are notifications' checkSlackUser (core/slack-user.test.ts); this is what the clicker reads of each refusal.
describe('vouchedSlackEmail', () => {
  test('a confirmed person of the Slack app\'s workspace, clicking from it, is their email', () => {
    expect(vouchedSlackEmail(person, 'U1', fromT1)).toBe('ana@corp.example');
  });

  test.each([
    ['an email the user has not confirmed (anyone may type any address into their profile)', { ...person, is_email_confirmed: false }, 'SLACK_EMAIL_UNCONFIRMED', /has not confirmed that your email address \(ana@corp\.example\) is yours/],
    ['an answer that does not say whether the email is confirmed', { ...person, is_email_confirmed: undefined }, 'SLACK_EMAIL_UNCONFIRMED', /did not say whether your email address \(ana@corp\.example\) is confirmed/],
    ['a deactivated account', { ...person, deleted: true }, 'SLACK_USER_DEACTIVATED', /is deactivated/],
    ['a bot, even one whose profile names an email', { ...person, is_bot: true }, 'SLACK_USER_NOT_A_PERSON', /is a bot or an app/],
    ['a user of another workspace', { ...person, team_id: 'T2' }, 'SLACK_USER_OTHER_WORKSPACE', /another workspace \(T2\) than RRCU's Slack app's \(T1\)/],
    ['no email (the app lacks users:read.email)', { ...person, profile: {} }, 'SLACK_USER_UNKNOWN', /did not give your email/],
    ['an answer with no user', undefined, 'SLACK_USER_UNKNOWN', /form RRCU does not know/],
  ])('refuses %s, with its code and in words for the clicker', (_, user, code, message) => {
    expect(refusal(user)).toEqual({ code, message: expect.stringMatching(message) });
  });

  test('a click from another workspace than the app\'s names the one it came from', () => {
    expect(refusal(person, { app: { teamId: 'T1' }, interaction: { teamId: 'T9' } })).toEqual({ code: 'SLACK_USER_OTHER_WORKSPACE', message: expect.stringMatching(/another workspace \(T1\) than the one this click came from \(T9\)/) });
  });
});
