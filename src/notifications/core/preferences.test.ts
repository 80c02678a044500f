import { describe, expect, test } from 'vitest';
import { defaultMode, preferenceChannelOf, resolveMode, routes, type Preference } from './preferences.ts';

describe('notification preferences', () => {
  test('without a choice reviewers get a daily digest by email and everything else comes at once; in Slack their items come at once (with their buttons), reminders in the digest', () => {
    expect(defaultMode('review.assigned', 'email')).toBe('digest');
    expect(defaultMode('review.reminder', 'email')).toBe('digest');
    expect(defaultMode('request.submitted', 'email')).toBe('immediate');
    expect(resolveMode([], 'email', 'review.assigned')).toBe('digest');
    expect(resolveMode([], 'slack', 'review.assigned')).toBe('immediate');
    expect(resolveMode([], 'slack', 'review.reminder')).toBe('digest');
  });

  test('the most precise choice wins: the kind, then * for the channel, then the default; another channel\'s choice does not count', () => {
    const prefs: Preference[] = [
      { channelKind: 'email', eventKind: '*', mode: 'off' },
      { channelKind: 'email', eventKind: 'request.submitted', mode: 'immediate' },
      { channelKind: 'slack', eventKind: 'review.assigned', mode: 'immediate' },
    ];
    expect(resolveMode(prefs, 'email', 'request.submitted')).toBe('immediate');
    expect(resolveMode(prefs, 'email', 'review.assigned')).toBe('off');
    expect(resolveMode(prefs, 'slack', 'review.assigned')).toBe('immediate');
    expect(resolveMode(prefs, 'slack', 'review.reminder')).toBe('digest');
  });

  test('a test and a digest are never held back by a preference', () => {
    const off: Preference[] = [{ channelKind: 'email', eventKind: '*', mode: 'off' }];
    expect(resolveMode(off, 'email', 'notification.test')).toBe('immediate');
  });

  test('people\'s channels have a preference family; channels that post to a place do not', () => {
    expect(preferenceChannelOf('email')).toBe('email');
    expect(preferenceChannelOf('slack_app')).toBe('slack');
    expect(preferenceChannelOf('webhook')).toBeUndefined();
    expect(preferenceChannelOf('slack_webhook')).toBeUndefined();
  });

  test('a channel\'s routing takes the kinds it names, or all with *', () => {
    expect(routes(['*'], 'request.submitted')).toBe(true);
    expect(routes(['request.submitted'], 'request.submitted')).toBe(true);
    expect(routes(['request.submitted'], 'review.assigned')).toBe(false);
  });
});
