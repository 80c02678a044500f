import { describe, expect, test } from 'vitest';
import { absoluteUrl, renderDigest, renderNotification, renderTest } from './render.ts';

const at = new Date('2026-12-05T08:00:00Z');
const base = { kind: 'request.submitted', title: 'Access requested: <b>Admin</b> & more', body: 'Ann asked for "AdministratorAccess".\n\nReason: <script>alert(1)</script>', link: '/requests/12', payload: { requestId: 12 }, createdAt: at };

describe('rendering a notification', () => {
  test('the link is absolute on RRCU\'s public address, whatever slashes end it', () => {
    expect(absoluteUrl('https://rrcu.example.com/', '/requests/12')).toBe('https://rrcu.example.com/requests/12');
    expect(absoluteUrl('https://rrcu.example.com', '/requests/12')).toBe('https://rrcu.example.com/requests/12');
    expect(absoluteUrl('https://rrcu.example.com', null)).toBeUndefined();
  });

  test('plain text carries title, body and link; HTML escapes every user-supplied character', () => {
    const m = renderNotification(base, 'https://rrcu.example.com');
    expect(m.url).toBe('https://rrcu.example.com/requests/12');
    expect(m.text).toContain('Access requested: <b>Admin</b> & more');
    expect(m.text).toContain('Open in RRCU: https://rrcu.example.com/requests/12');
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<b>Admin</b>');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(m.html).toContain('&quot;AdministratorAccess&quot;');
    expect(m.html).toContain('href="https://rrcu.example.com/requests/12"');
    expect(m).toMatchObject({ kind: 'request.submitted', payload: { requestId: 12 }, at });
    // The footer about preferences is email's (the HTML here, the text by the driver): a webhook's text is the message alone.
    expect(m.html).toContain('under your profile');
    expect(m.text).not.toContain('under your profile');
  });

  test('a digest lists each waiting notification with its link, oldest first as given', () => {
    const d = renderDigest([base, { ...base, title: 'Review assigned', link: '/reviews/3', body: '' }], 'https://rrcu.example.com', at);
    expect(d.kind).toBe('notification.digest');
    expect(d.title).toBe('RRCU: 2 notifications today');
    expect(d.text.indexOf('Access requested')).toBeLessThan(d.text.indexOf('Review assigned'));
    expect(d.text).toContain('https://rrcu.example.com/reviews/3');
    expect(d.html).toContain('href="https://rrcu.example.com/reviews/3"');
    expect(d.html).not.toContain('<script>');
  });

  test('a test message names the channel and nobody', () => {
    const m = renderTest('https://rrcu.example.com', at, 'Ops <mail>');
    expect(m.kind).toBe('notification.test');
    expect(m.text).toContain('"Ops <mail>"');
    expect(m.html).toContain('Ops &lt;mail&gt;');
  });
});
