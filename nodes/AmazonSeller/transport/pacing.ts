/**
 * The former pacing module, kept so existing imports work until they go through index.ts;
 * everything here delegates to budget.ts (the in-process RateBudget). New code: use budget.ts.
 */
import { acquireFromBucket, inProcessBudget, TokenBucket } from './budget';
import type { OperationName } from './operations';

export { TokenBucket };

/** The in-process bucket of an account's operation (see InProcessRateBudget.bucket). */
export function bucketFor(accountKey: string, operation: string, rate: number, burst: number): TokenBucket {
	return inProcessBudget().bucket({ account: accountKey, operation: operation as OperationName, rate, burst });
}

/** Waits for a token, or throws RateBudgetError without reserving when the wait exceeds `maxWaitMs`. */
export async function acquireToken(bucket: TokenBucket, operation: string, maxWaitMs: number): Promise<void> {
	await acquireFromBucket(bucket, operation, maxWaitMs);
}

/** Forgets every in-process bucket (tests and benchmarks start each run with full budgets). */
export function resetPacing(): void {
	inProcessBudget().reset();
}
