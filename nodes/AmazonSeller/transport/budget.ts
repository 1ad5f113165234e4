/**
 * Amazon's rate budget, behind an interface so a shared implementation (Redis, for queue mode)
 * can replace the in-process one: `setRateBudget(budget)` selects it for the whole process.
 */
import type { Clock } from './clock';
import { getClock } from './clock';
import { RateBudgetError } from './errors';
import type { OperationName } from './operations';
import { transportState } from './state';

/** One budget: an operation of one seller account (and app), at Amazon's published rate and burst. */
export interface BudgetKey {
	/** The client's account key (a hash of the credential; never a secret). */
	account: string;
	operation: OperationName;
	/** Sustained requests per second. */
	rate: number;
	burst: number;
}

export interface RateBudget {
	/** Waits until a token for `key` is reserved; throws RateBudgetError without reserving when the wait would exceed maxWaitMs. */
	acquire(key: BudgetKey, maxWaitMs: number): Promise<void>;
	/** Whole tokens available now (for the trigger's decisions). */
	available(key: BudgetKey): Promise<number>;
	/** Amazon answered 429: empty the bucket, adopt Amazon's rate if it sent one. */
	drain(key: BudgetKey, rate?: number): Promise<void>;
	/** Time until the next token, ms. */
	waitMs(key: BudgetKey): Promise<number>;
}

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

	/** Whether the bucket is as good as new (full): forgetting it changes nothing. */
	isFull(now: number): boolean {
		this.refill(now);
		return this.tokens >= this.burst;
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

/**
 * How long past a token's due time a waiting call is sent. Amazon's bucket and ours do not start at
 * the same instant (the burst's calls reach Amazon over the network one after another), so a call
 * sent exactly when our token is due can reach Amazon a few milliseconds before its token is: a
 * 429. This slack absorbs that jitter; it does not add up, because the next token's due time does
 * not depend on when the previous call left.
 */
export const PACING_SLACK_MS = 100;

/** Waits for a token of `bucket`, or throws RateBudgetError without reserving when the wait exceeds `maxWaitMs`. */
export async function acquireFromBucket(bucket: TokenBucket, operation: string, maxWaitMs: number): Promise<void> {
	const clock = getClock();
	const wait = bucket.waitMs(clock.now());
	if (wait > maxWaitMs) throw new RateBudgetError(operation, wait, false);
	const reserved = bucket.reserve(clock.now());
	if (reserved > 0) await clock.sleep(reserved + PACING_SLACK_MS);
}

/** Above this many buckets, full ones (equivalent to new ones) are forgotten. */
const SWEEP_ABOVE = 2_000;

/**
 * The budget of this process: one TokenBucket per account and operation, shared by every node,
 * execution and trigger here. Its state is only meaningful on the clock it was built with, so a
 * clock change (tests, benchmarks) starts it afresh.
 */
export class InProcessRateBudget implements RateBudget {
	private readonly buckets = new Map<string, TokenBucket>();
	private clock: Clock | undefined;

	/** The bucket of `key`, synchronously (the in-process view). */
	bucket(key: BudgetKey): TokenBucket {
		const clock = getClock();
		if (this.clock !== clock) {
			this.buckets.clear();
			this.clock = clock;
		}
		const id = `${key.account}:${key.operation}`;
		let bucket = this.buckets.get(id);
		if (!bucket) {
			if (this.buckets.size >= SWEEP_ABOVE) this.sweep(clock.now());
			bucket = new TokenBucket(key.rate, key.burst, clock.now());
			this.buckets.set(id, bucket);
		}
		return bucket;
	}

	availableNow(key: BudgetKey): number {
		return this.bucket(key).available(getClock().now());
	}

	async acquire(key: BudgetKey, maxWaitMs: number): Promise<void> {
		await acquireFromBucket(this.bucket(key), key.operation, maxWaitMs);
	}

	async available(key: BudgetKey): Promise<number> {
		return this.availableNow(key);
	}

	async drain(key: BudgetKey, rate?: number): Promise<void> {
		this.bucket(key).drain(getClock().now(), rate);
	}

	async waitMs(key: BudgetKey): Promise<number> {
		return this.bucket(key).waitMs(getClock().now());
	}

	get size(): number {
		return this.buckets.size;
	}

	reset(): void {
		this.buckets.clear();
	}

	private sweep(now: number): void {
		for (const [id, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(id);
	}
}

/** The in-process budget (always there: `SpApiClient.availableNow` reads it). */
export function inProcessBudget(): InProcessRateBudget {
	return (transportState.inProcessBudget ??= new InProcessRateBudget());
}

/** The budget every call draws from: the one set with setRateBudget, else the in-process one. */
export function getRateBudget(): RateBudget {
	return transportState.rateBudget ?? inProcessBudget();
}

/** Selects the budget for the whole process (a shared one in queue mode); undefined restores the in-process one. */
export function setRateBudget(budget: RateBudget | undefined): void {
	transportState.rateBudget = budget;
}
