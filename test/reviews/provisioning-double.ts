import { RrcuError } from '../../src/core/errors.ts';
import type { ReviewServiceDeps } from '../../src/reviews/index.ts';

type RequestRevoke = ReviewServiceDeps['provisioning']['requestRevoke'];

/**
 * The provisioning reviews call, built from one `requestRevoke` (a test's way of making a revoke fail,
 * crash, or pass to the real service): a batch is asked one by one, a refusal (an RrcuError) its answer and
 * anything else thrown for the whole batch, as the real `requestRevokes` answers.
 */
export function revokingWith(requestRevoke: RequestRevoke): ReviewServiceDeps['provisioning'] {
  return {
    requestRevoke,
    async requestRevokes(inputs) {
      const answers: Awaited<ReturnType<ReviewServiceDeps['provisioning']['requestRevokes']>> = [];
      for (const input of inputs) {
        try {
          answers.push(await requestRevoke(input));
        } catch (e) {
          if (!(e instanceof RrcuError)) throw e;
          answers.push(e);
        }
      }
      return answers;
    },
  };
}
