/**
 * The awsQuery protocol of IAM and STS: a form-encoded POST (`Action=ListUsers&Version=…&MaxItems=10`)
 * answered in XML. Lists arrive flattened (`Tags.member.1.Key=`), maps as `entry.N.key/value`; replies
 * wrap the result in `<XResponse><XResult>` and list items in `<member>`, as the SDK's parser expects.
 */

export type QueryRequest = { action: string; version: string; input: Record<string, unknown> };

type Tree = { [key: string]: Tree | string };

export function parseQueryRequest(body: string): QueryRequest {
  const params = new URLSearchParams(body);
  const root: Tree = {};
  for (const [name, value] of params) {
    if (name === 'Action' || name === 'Version') continue;
    const path = name.split('.');
    let node = root;
    for (const [i, segment] of path.entries()) {
      if (i === path.length - 1) {
        node[segment] = value;
        break;
      }
      const next = node[segment];
      if (typeof next === 'object') node = next;
      else node = node[segment] = {};
    }
  }
  return { action: params.get('Action') ?? '', version: params.get('Version') ?? '', input: normalise(root) as Record<string, unknown> };
}

/** Turns `{ member: { 1: …, 2: … } }` into arrays and `{ entry: { 1: { key, value } } }` into records. */
function normalise(node: Tree | string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && (keys[0] === 'member' || keys[0] === 'entry')) {
    const items = node[keys[0]];
    if (typeof items === 'object') {
      const ordered = Object.keys(items)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => normalise(items[k] as Tree | string));
      if (keys[0] === 'member') return ordered;
      return Object.fromEntries(
        ordered.map((e) => {
          const entry = e as Record<string, unknown>;
          return [String(entry.key), entry.value];
        }),
      );
    }
  }
  return Object.fromEntries(keys.map((k) => [k, normalise(node[k] as Tree | string)]));
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** AWS writes query-protocol timestamps as ISO-8601 without milliseconds. */
function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return isoSeconds(value);
  if (Array.isArray(value) || value instanceof Set) {
    return [...value].map((item) => `<member>${toXml(item)}</member>`).join('');
  }
  if (value instanceof Map) {
    return [...value].map(([k, v]) => `<entry><key>${escapeXml(String(k))}</key><value>${toXml(v)}</value></entry>`).join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function queryResultXml(action: string, namespace: string, result: unknown, requestId: string): string {
  const body = result === undefined ? '' : `<${action}Result>${toXml(result)}</${action}Result>`;
  return (
    `<${action}Response xmlns="${namespace}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function queryErrorXml(namespace: string, code: string, message: string, status: number, requestId: string): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
