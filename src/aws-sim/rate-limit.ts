/**
 * AWS-like request rates: a token bucket per (API family, account). A call takes one token; an empty
 * bucket answers with the service's throttling error, which the SDK's adaptive retry backs off from.
 *
 * Where the defaults come from (AWS publishes few of these; the simulator errs towards the published
 * or commonly observed figure):
 * - identitycenter (sso + identitystore together): IAM Identity Center's admin APIs share one budget of
 *   about 20 transactions per second per account (the IAM Identity Center quotas page lists the
 *   account-access APIs at a collective 20 TPS); a burst of 20.
 * - iam: IAM's control plane is global and AWS does not publish its rate; ~20 requests/s for reads is
 *   what large-account syncs observe before `Throttling`.
 * - organizations: "Organizations throttles requests… generally a few requests per second"; 10/s with a
 *   burst of 20 matches observed ListAccounts / ListAccountsForParent behaviour.
 * - sts: the STS quotas page gives 600 requests/s per account and Region for AssumeRole and friends.
 * - scim: the SCIM endpoint is documented at about 20 requests/s per tenant.
 */
import type { ServiceName } from './service.ts';

export type RateLimit = { ratePerSecond: number; burst: number };
export type RateLimitFamily = 'iam' | 'sts' | 'organizations' | 'identitycenter' | 'scim';
export type RateLimitConfig = Partial<Record<RateLimitFamily, RateLimit | false>>;

export const DEFAULT_RATE_LIMITS: Record<RateLimitFamily, RateLimit> = {
  identitycenter: { ratePerSecond: 20, burst: 20 },
  iam: { ratePerSecond: 20, burst: 20 },
  organizations: { ratePerSecond: 10, burst: 20 },
  sts: { ratePerSecond: 600, burst: 600 },
  scim: { ratePerSecond: 20, burst: 20 },
};

export function familyOf(service: ServiceName): RateLimitFamily {
  return service === 'sso' || service === 'identitystore' ? 'identitycenter' : service;
}

type Bucket = { tokens: number; updatedAt: number };

export class RateLimiter {
  private limits: Record<RateLimitFamily, RateLimit | false>;
  private readonly buckets = new Map<string, Bucket>();

  constructor(config: boolean | RateLimitConfig = true) {
    this.limits = { ...DEFAULT_RATE_LIMITS };
    this.configure(config);
  }

  /** `false` turns every limit off, `true` restores the defaults, an object overrides families. */
  configure(config: boolean | RateLimitConfig): void {
    if (config === false) {
      this.limits = { identitycenter: false, iam: false, organizations: false, sts: false, scim: false };
    } else if (config === true) {
      this.limits = { ...DEFAULT_RATE_LIMITS };
    } else {
      this.limits = { ...this.limits, ...config };
    }
    this.buckets.clear();
  }

  current(): Record<RateLimitFamily, RateLimit | false> {
    return { ...this.limits };
  }

  /** Takes a token for a call at `now` (ms); false when the caller is over the limit. */
  take(service: ServiceName, accountId: string, now: number): boolean {
    const family = familyOf(service);
    const limit = this.limits[family];
    if (!limit) return true;
    const key = `${family}|${accountId}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: limit.burst, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * limit.ratePerSecond);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
