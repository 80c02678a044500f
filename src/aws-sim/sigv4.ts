/**
 * SigV4 on the receiving side: read the `Authorization` header, and check its signature by signing the
 * same request again with the secret the simulator holds for that access key (`@smithy/signature-v4`,
 * the signer the SDK itself uses), restricted to the headers the client says it signed.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import type { AccessKey } from './state.ts';

export type ParsedAuthorization = {
  accessKeyId: string;
  /** `yyyymmdd` from the credential scope. */
  date: string;
  region: string;
  /** The signing name: iam, sts, organizations, identitystore, sso. */
  service: string;
  signedHeaders: string[];
  signature: string;
};

const AUTHORIZATION = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const m = header && AUTHORIZATION.exec(header);
  if (!m) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = m as unknown as string[];
  return {
    accessKeyId: accessKeyId!,
    date: date!,
    region: region!,
    service: service!,
    signedHeaders: signedHeaders!.split(';'),
    signature: signature!,
  };
}

/** SHA-256 (or HMAC-SHA-256 when given a secret) in the shape the smithy signer asks for. */
export class NodeSha256 implements Checksum {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: Uint8Array | string): void {
    this.hash.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    throw new Error('NodeSha256 is single-use');
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

export type SignedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
};

/** `20240102T030405Z` → Date. */
export function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

export async function signatureMatches(request: SignedRequest, auth: ParsedAuthorization, key: AccessKey): Promise<boolean> {
  const signingDate = parseAmzDate(headerValue(request.headers['x-amz-date']));
  if (!signingDate) return false;
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = headerValue(request.headers[name]);
    if (value !== undefined) headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(request.query.keys())) {
    const values = request.query.getAll(name);
    query[name] = values.length === 1 ? values[0]! : values;
  }
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, sessionToken: headers['x-amz-security-token'] },
    sha256: NodeSha256,
    // The signer would otherwise add and sign `x-amz-content-sha256`, which only some clients send
    // (botocore does not); when a client signed it, it is among the copied headers anyway.
    applyChecksum: false,
  });
  const host = headers.host ?? '';
  const signed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: host.split(':')[0] ?? '', path: request.path, query, headers, body: request.body },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ''))?.[1];
  if (!expected) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature));
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** Date → `20240102T030405Z`, as AWS quotes times in its signature errors. */
export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export type SigningTimeFailure = { failure: 'signature-expired' | 'signature-not-yet-current'; message: string };

/**
 * AWS refuses a signature whose `X-Amz-Date` is further than its window from the server's clock, and
 * says so in these words: "Signature expired: 20151120T200815Z is now earlier than 20151120T201846Z
 * (20151120T202346Z - 5 min.)" for a request signed too long ago, "Signature not yet current: … is still
 * later than … (… + 5 min.)" for one signed in the future. The window is what callers report per
 * service: 5 minutes from JSON services (Kinesis, SSM, Rekognition), 15 minutes from STS (GetCallerIdentity,
 * AssumeRole) and the other awsQuery services (SNS); IAM is taken to be STS's.
 */
export function signingTimeFailure(signedAt: Date, now: number, windowMinutes: number): SigningTimeFailure | undefined {
  const windowMs = windowMinutes * 60_000;
  const signed = formatAmzDate(signedAt.getTime());
  if (signedAt.getTime() < now - windowMs) {
    return { failure: 'signature-expired', message: `Signature expired: ${signed} is now earlier than ${formatAmzDate(now - windowMs)} (${formatAmzDate(now)} - ${windowMinutes} min.)` };
  }
  if (signedAt.getTime() > now + windowMs) {
    return { failure: 'signature-not-yet-current', message: `Signature not yet current: ${signed} is still later than ${formatAmzDate(now + windowMs)} (${formatAmzDate(now)} + ${windowMinutes} min.)` };
  }
  return undefined;
}
