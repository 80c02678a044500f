import { describe, expect, test } from 'vitest';
import { checkSlackUser, type SlackWorkspace } from './slack-user.ts';

/** A person of workspace T1 as users.info and users.lookupByEmail give them with users:read and users:read.email. */
const person = { id: 'U1', team_id: 'T1', deleted: false, is_bot: false, is_app_user: false, is_restricted: false, is_ultra_restricted: false, is_email_confirmed: true, profile: { email: 'ana@corp.example' } };
const t1: SlackWorkspace = { teamId: 'T1' };
const reason = (user: unknown, workspace: SlackWorkspace = t1) => {
  const check = checkSlackUser(user, workspace);
  return check.ok ? undefined : check.reason;
};

describe('checkSlackUser', () => {
  test('a confirmed person of the workspace is their email', () => {
    expect(checkSlackUser(person, t1)).toEqual({ ok: true, email: 'ana@corp.example' });
  });

  test('guests are who Slack invited at that address: single- and multi-channel guests are not refused', () => {
    expect(checkSlackUser({ ...person, is_restricted: true }, t1).ok).toBe(true);
    expect(checkSlackUser({ ...person, is_restricted: true, is_ultra_restricted: true }, t1).ok).toBe(true);
  });

  test.each([
    ['an email the user has not confirmed (anyone may type any address into their profile)', { ...person, is_email_confirmed: false }, { reason: 'email_unconfirmed', email: 'ana@corp.example' }],
    ['an answer that does not say whether the email is confirmed', { ...person, is_email_confirmed: undefined }, { reason: 'email_confirmation_unsaid', email: 'ana@corp.example' }],
    ['a deactivated account', { ...person, deleted: true }, { reason: 'deactivated' }],
    ['a bot, even one whose profile names an email', { ...person, is_bot: true }, { reason: 'not_a_person' }],
    ['an app user', { ...person, is_app_user: true }, { reason: 'not_a_person' }],
    ['a workflow bot', { ...person, is_workflow_bot: true }, { reason: 'not_a_person' }],
    ['a user of another workspace', { ...person, team_id: 'T2' }, { reason: 'other_workspace', teamId: 'T2', of: 'app' }],
    ['no email (the app lacks users:read.email)', { ...person, profile: {} }, { reason: 'no_email' }],
    ['an answer with no user', undefined, { reason: 'unreadable' }],
  ])('refuses %s', (_, user, refusal) => {
    expect(checkSlackUser(user, t1)).toEqual({ ok: false, ...refusal });
  });

  test('a deactivated bot is refused as deactivated; a bot of another workspace as a bot: the first reason Slack gives wins', () => {
    expect(reason({ ...person, deleted: true, is_bot: true })).toBe('deactivated');
    expect(reason({ ...person, is_bot: true, team_id: 'T2' })).toBe('not_a_person');
  });

  test('a workspace that names nothing matches no user: refused', () => {
    expect(reason(person, {})).toBe('other_workspace');
  });

  test('a click is judged against the Slack app\'s workspace: a Slack Connect partner clicking from their own workspace is refused, though the click names it', () => {
    const partner = { ...person, team_id: 'T9' };
    expect(checkSlackUser(partner, t1, { teamId: 'T9' })).toEqual({ ok: false, reason: 'other_workspace', teamId: 'T9', of: 'app' });
    // Nor does a partner organisation's Grid make them ours.
    const partnerGrid = { ...partner, enterprise_user: { enterprise_id: 'E9', teams: ['T9'] } };
    expect(checkSlackUser(partnerGrid, { teamId: 'T1', enterpriseId: 'E1' }, { teamId: 'T9', enterpriseId: 'E9' })).toMatchObject({ ok: false, of: 'app' });
  });

  test('the click\'s workspace must match as well: a user of the app\'s workspace clicking from another, or from none named, is refused', () => {
    expect(checkSlackUser(person, t1, { teamId: 'T1' })).toEqual({ ok: true, email: 'ana@corp.example' });
    expect(checkSlackUser(person, t1, { teamId: 'T9' })).toEqual({ ok: false, reason: 'other_workspace', teamId: 'T1', of: 'interaction' });
    expect(checkSlackUser(person, t1, {})).toEqual({ ok: false, reason: 'other_workspace', teamId: 'T1', of: 'interaction' });
  });

  test('in Enterprise Grid a click from another workspace of the app\'s organisation, by a user of it, is accepted', () => {
    const gridUser = { ...person, team_id: 'T2', enterprise_user: { id: 'W1', enterprise_id: 'E1', teams: ['T2'] } };
    expect(checkSlackUser(gridUser, { teamId: 'T1', enterpriseId: 'E1' }, { teamId: 'T2', enterpriseId: 'E1' }).ok).toBe(true);
    expect(checkSlackUser(gridUser, { enterpriseId: 'E1' }, { teamId: 'T2', enterpriseId: 'E1' }).ok).toBe(true);
  });

  test('in an Enterprise Grid organisation a user of another of its workspaces, or of the organisation itself, is of the same organisation', () => {
    const gridUser = { ...person, team_id: 'T2', enterprise_user: { id: 'W1', enterprise_id: 'E1', teams: ['T2'] } };
    expect(reason(gridUser, { teamId: 'T1', enterpriseId: 'E1' })).toBeUndefined();
    expect(reason({ ...person, team_id: 'E1' }, { teamId: 'T1', enterpriseId: 'E1' })).toBeUndefined();
    // An organisation-wide bot token's workspace may name the organisation alone (auth.test of an org install).
    expect(reason(gridUser, { enterpriseId: 'E1' })).toBeUndefined();
    expect(reason({ ...gridUser, enterprise_user: { enterprise_id: 'E9', teams: ['T2', 'T1'] } })).toBeUndefined();
    // Another organisation (a Slack Connect partner) is not: its administrators vouch for its own users' emails.
    expect(reason({ ...gridUser, enterprise_user: { enterprise_id: 'E9', teams: ['T2'] } }, { teamId: 'T1', enterpriseId: 'E1' })).toBe('other_workspace');
  });
});
