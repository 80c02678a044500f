/**
 * The awsJson1_1 protocol of Organizations, Identity Store and SSO Admin: a POST whose
 * `X-Amz-Target: <Prefix>.<Operation>` names the operation, JSON in and out, timestamps as epoch
 * seconds, errors as `{"__type": "…Exception", "Message": …}` with the type repeated in
 * `x-amzn-ErrorType`, which the SDK reads first.
 */
import type { ServiceName } from '../service.ts';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The target prefix each JSON service uses, as its Smithy model names it. */
export const TARGET_PREFIXES: Record<string, ServiceName> = {
  AWSOrganizationsV20161128: 'organizations',
  AWSIdentityStore: 'identitystore',
  SWBExternalService: 'sso',
};

export function parseTarget(target: string): { service: ServiceName; operation: string } | undefined {
  const dot = target.indexOf('.');
  if (dot < 0) return undefined;
  const service = TARGET_PREFIXES[target.slice(0, dot)];
  return service && { service, operation: target.slice(dot + 1) };
}

/** Dates become epoch seconds; Sets and Maps become arrays and objects; `undefined` members drop out. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value) || value instanceof Set) return [...value].map(toJsonValue);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJsonValue(v)]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
    return out;
  }
  return value;
}

export function jsonResultBody(result: unknown): string {
  return JSON.stringify(toJsonValue(result ?? {}));
}

/**
 * Service-modelled errors carry `Message`; the errors AWS's front door raises before a service sees the
 * request (bad key, bad signature) carry lowercase `message`. The SDK accepts either.
 */
export function jsonErrorBody(code: string, message: string, fields: Record<string, unknown>, lowercaseMessage = false): string {
  return JSON.stringify({ __type: code, [lowercaseMessage ? 'message' : 'Message']: message, ...(toJsonValue(fields) as object) });
}
