import type { Clock } from './clock';
import { getClock } from './clock';
import { RateBudgetError } from './errors';

/**
 * Token bucket at Amazon's published rate and burst. Callers *reserve* a token (the count may go
 * below zero) and sleep until it is theirs, so concurrent callers queue fairly instead of all
 * waking at once and drawing 429s.
 */
export class TokenBucket {
	private tokens: number;
	private updatedAt: number;

	constructor(
		public rate: number,
		public readonly burst: number,
		now: number,
	) {
		this.tokens = burst;
		this.updatedAt = now;
	}

	private refill(now: number): void {
		if (now > this.updatedAt) {
			this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
			this.updatedAt = now;
		}
	}

	/** Milliseconds until a newly reserved token would be usable. */
	waitMs(now: number): number {
		this.refill(now);
		return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
	}

	/** Whole tokens available now. */
	available(now: number): number {
		this.refill(now);
		return Math.max(0, Math.floor(this.tokens));
	}

	reserve(now: number): number {
		const wait = this.waitMs(now);
		this.tokens -= 1;
		return wait;
	}

	/** Amazon said 429: its bucket is empty whatever ours thought; adopt its rate if it sent one. */
	drain(now: number, rate?: number): void {
		this.refill(now);
		if (rate && rate > 0) this.rate = rate;
		this.tokens = Math.min(this.tokens, 0);
	}
}

const buckets = new Map<string, TokenBucket>();
let bucketsClock: Clock | undefined;

/** Buckets are per account and operation, shared by every node and execution in this process. */
export function bucketFor(accountKey: string, operation: string, rate: number, burst: number): TokenBucket {
	const clock = getClock();
	if (bucketsClock !== clock) {
		// A different clock means a different time base (tests, benchmarks): old state is meaningless.
		buckets.clear();
		bucketsClock = clock;
	}
	const key = `${accountKey}:${operation}`;
	let bucket = buckets.get(key);
	if (!bucket) {
		bucket = new TokenBucket(rate, burst, clock.now());
		buckets.set(key, bucket);
	}
	return bucket;
}

/** Waits for a token, or throws RateBudgetError without reserving when the wait exceeds `maxWaitMs`. */
export async function acquireToken(bucket: TokenBucket, operation: string, maxWaitMs: number): Promise<void> {
	const clock = getClock();
	const wait = bucket.waitMs(clock.now());
	if (wait > maxWaitMs) throw new RateBudgetError(operation, wait, false);
	const reserved = bucket.reserve(clock.now());
	if (reserved > 0) await clock.sleep(reserved);
}

export function resetPacing(): void {
	buckets.clear();
}
