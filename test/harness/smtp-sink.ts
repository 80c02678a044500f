import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it, with its MIME parts decoded. */
export type ReceivedMail = {
  /** The envelope: MAIL FROM and RCPT TO. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Headers of the message, names lower-cased, folded lines joined. */
  headers: Record<string, string>;
  text: string;
  html: string;
  raw: string;
  /** The AUTH user the client logged in as, if any. */
  user: string | undefined;
};

export type SmtpSink = {
  port: number;
  messages: ReceivedMail[];
  /** The next `times` messages to `email` are refused at RCPT TO with `code` (421 busy, 450 greylisting, 550 no such mailbox). */
  refuse(email: string, code: number, times?: number): void;
  /** Resolves once `count` messages arrived. */
  waitFor(count: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1 (the smtp-server package), for tests of what RRCU sends: no TLS (the
 * channel's security is `none`), any AUTH accepted with the password `password` when asked.
 */
export async function startSmtpSink(options: { password?: string } = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const refusals = new Map<string, { code: number; times: number }>();
  const waiters: { count: number; resolve: (m: ReceivedMail[]) => void }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.password !== undefined && auth.password !== options.password) return callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      const rule = refusals.get(address.address.toLowerCase());
      if (rule && rule.times > 0) {
        rule.times -= 1;
        return callback(Object.assign(new Error(rule.code >= 500 ? 'No such mailbox here' : 'Try again later'), { responseCode: rule.code }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          ...parseMime(raw),
          raw,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        for (const w of [...waiters]) {
          if (messages.length >= w.count) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(messages);
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    refuse(email, code, times = 1) {
      refusals.set(email.toLowerCase(), { code, times });
    },
    waitFor(count) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Just enough MIME for nodemailer's messages: headers, multipart/alternative, quoted-printable and base64. */
function parseMime(raw: string): { headers: Record<string, string>; text: string; html: string } {
  const { headers, body } = splitHeaders(raw);
  const parts: { type: string; body: string }[] = [];
  const walk = (h: Record<string, string>, b: string) => {
    const type = h['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.startsWith('multipart/') && boundary) {
      for (const chunk of b.split(`--${boundary}`).slice(1)) {
        if (chunk.startsWith('--')) break;
        const inner = splitHeaders(chunk.replace(/^\r?\n/, ''));
        walk(inner.headers, inner.body);
      }
      return;
    }
    parts.push({ type, body: decode(b, h['content-transfer-encoding']) });
  };
  walk(headers, body);
  return { headers, text: parts.find((p) => p.type.startsWith('text/plain'))?.body ?? '', html: parts.find((p) => p.type.startsWith('text/html'))?.body ?? '' };
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decode(body: string, encoding: string | undefined): string {
  const e = encoding?.toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (e === 'quoted-printable') {
    const s = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < s.length; i++) {
      const hex = s.slice(i + 1, i + 3);
      if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else bytes.push(s.charCodeAt(i));
    }
    return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n').trimEnd();
  }
  return body.replace(/\r\n/g, '\n').trimEnd();
}
