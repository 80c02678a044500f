import type { RenderedMessage } from '../channels/types.ts';

/** What rendering reads of an outbox row (notifications table). */
export type OutboxMessage = {
  kind: string;
  title: string;
  body: string;
  /** A path of the web app (`/requests/12`), as `notify` accepts it. */
  link: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
};

/** Said under an email only (its HTML and, by the email driver, its text): Slack and webhooks carry the message alone. */
export const EMAIL_FOOTER = 'You receive this because of your role in RRCU. Choose what reaches you, and how, under your profile → Notifications.';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The absolute URL of a path of the web app. `notify` only accepts paths, so the result is always on
 * RRCU's own address: a notification cannot carry a link to another site.
 */
export function absoluteUrl(publicUrl: string, link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  return `${publicUrl.replace(/\/+$/, '')}${link.startsWith('/') ? link : `/${link}`}`;
}

/** Lines of plain text as HTML paragraphs, escaped. */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function htmlPage(title: string, inner: string): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>' + escapeHtml(title) + '</title></head>',
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1f2328">',
    `<h2 style="font-size:16px">${escapeHtml(title)}</h2>`,
    inner,
    `<p style="color:#656d76;font-size:12px">${escapeHtml(EMAIL_FOOTER)}</p>`,
    '</body></html>',
  ].join('\n');
}

const button = (url: string, label: string) => `<p><a href="${escapeHtml(url)}" style="color:#0969da">${escapeHtml(label)}</a></p>`;

/** One outbox row as the message every channel sends: text, escaped HTML, the absolute link to its page. */
export function renderNotification(n: OutboxMessage, publicUrl: string): RenderedMessage {
  const url = absoluteUrl(publicUrl, n.link);
  const text = [n.title, n.body, url ? `Open in RRCU: ${url}` : undefined].filter((p) => p && p.trim()).join('\n\n');
  const html = htmlPage(n.title, [paragraphs(n.body), url ? button(url, 'Open in RRCU') : ''].join('\n'));
  return { kind: n.kind, title: n.title, text, html, url, payload: n.payload, at: n.createdAt };
}

/** The daily digest: the waiting rows, oldest first, each with its link. */
export function renderDigest(items: readonly OutboxMessage[], publicUrl: string, at: Date): RenderedMessage {
  const title = items.length === 1 ? 'RRCU: 1 notification today' : `RRCU: ${items.length} notifications today`;
  const lines = items.map((n) => {
    const url = absoluteUrl(publicUrl, n.link);
    return `- ${n.title}${url ? `\n  ${url}` : ''}`;
  });
  const text = [title, lines.join('\n')].join('\n\n');
  const list = items
    .map((n) => {
      const url = absoluteUrl(publicUrl, n.link);
      return `<li>${url ? `<a href="${escapeHtml(url)}" style="color:#0969da">${escapeHtml(n.title)}</a>` : escapeHtml(n.title)}${n.body ? `<br><span style="color:#656d76">${escapeHtml(n.body)}</span>` : ''}</li>`;
    })
    .join('\n');
  const html = htmlPage(title, `<ul>\n${list}\n</ul>`);
  const url = absoluteUrl(publicUrl, '/inbox');
  return {
    kind: 'notification.digest',
    title,
    text,
    html,
    url,
    payload: { items: items.map((n) => ({ kind: n.kind, title: n.title, url: absoluteUrl(publicUrl, n.link) ?? null, payload: n.payload })) },
    at,
  };
}

/** What Send test sends: proves the channel works, names no one and nothing. */
export function renderTest(publicUrl: string, at: Date, channelName: string): RenderedMessage {
  return renderNotification(
    {
      kind: 'notification.test',
      title: 'RRCU test notification',
      body: `This is a test of the notification channel "${channelName}", sent from Settings → Notifications. If you can read it, the channel works.`,
      link: '/settings/notifications',
      payload: {},
      createdAt: at,
    },
    publicUrl,
  );
}
