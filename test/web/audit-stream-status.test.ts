import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, expect, test } from 'vitest';

type State = { lastSeq: number; lastSentAt: string | null; waiting: number; failure: { error: string; failedAt: string | null; failingSince: string | null } | null };
type Channel = { name: string; auditStreamState: State | null };

// By a path held in a variable: the server's tsc, which checks test/, compiles no JSX (the web's tsc checks the page).
let AuditStreamStatus: FunctionComponent<{ channel: Channel }>;
beforeAll(async () => {
  const path = '../../web/src/settings/audit-stream-status.tsx';
  ({ AuditStreamStatus } = (await import(path)) as { AuditStreamStatus: typeof AuditStreamStatus });
});

const render = (channel: Channel) => renderToStaticMarkup(createElement(AuditStreamStatus, { channel }));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

test('an audit stream keeping up: "Streamed up to event #N at T; K waiting", no warning', () => {
  const html = render({ name: 'SIEM', auditStreamState: { lastSeq: 1041, lastSentAt: '2026-12-05T08:00:00.000Z', waiting: 0, failure: null } });
  expect(text(html)).toMatch(/^Streamed up to event #1041 at .*2026.*; 0 waiting$/);
  expect(html).not.toContain('warn-box');
});

test('a failing stream shows what waits and, in the warning box, the error, since when and the last attempt', () => {
  const html = render({
    name: 'SIEM',
    auditStreamState: { lastSeq: 0, lastSentAt: null, waiting: 250, failure: { error: 'HTTP 500: SIEM index is read-only', failedAt: '2026-12-05T08:20:00.000Z', failingSince: '2026-12-05T08:00:00.000Z' } },
  });
  expect(text(html)).toMatch(/^Nothing streamed yet; 250 waiting Not acknowledged since .*2026.*; last attempt .*2026.*: HTTP 500: SIEM index is read-only RRCU keeps trying/);
  expect(html).toMatch(/<div class="warn-box" role="status" aria-label="Audit stream of SIEM failing">/);
  // The first failure of a streak is also its last attempt: said once.
  const first = render({ name: 'SIEM', auditStreamState: { lastSeq: 7, lastSentAt: '2026-12-05T07:00:00.000Z', waiting: 3, failure: { error: 'timed out', failedAt: '2026-12-05T08:00:00.000Z', failingSince: '2026-12-05T08:00:00.000Z' } } });
  expect(text(first)).toMatch(/Not acknowledged since [^;]*2026[^;]*: timed out/);
});

test('a channel that does not stream the audit log shows nothing', () => {
  expect(render({ name: 'Ops', auditStreamState: null })).toBe('');
});
