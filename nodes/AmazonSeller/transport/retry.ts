/**
 * The bounded retry policy every request to Amazon goes through (SP-API calls, LWA token
 * requests, document uploads and downloads): a number of attempts, an overall deadline, and
 * between attempts either an exponential backoff with jitter (5xx, connection resets) or the wait
 * Amazon's rate limit asks for (429). Nothing here retries forever.
 */
import { getClock } from './clock';

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** Total time all attempts and waits may take, from the first attempt. */
	deadlineMs: number;
	/** Longest single wait for rate budget (before a try, or after a 429); the deadline bounds it too. */
	maxWaitMs?: number;
	/** First backoff (doubling with each attempt), default 1 s. */
	baseBackoffMs?: number;
	/** Longest backoff, default 30 s. */
	maxBackoffMs?: number;
	/** Stops the waits between attempts (an execution being cancelled). */
	signal?: AbortSignal;
}

/** What one attempt came to, and so what the policy does next. */
export type Attempt<T> =
	/** Success: return the value. */
	| { done: T }
	/** A failure retrying cannot fix (4xx, bad credential): throw it now. */
	| { fail: Error }
	/** A transient failure (5xx, reset): back off exponentially, then try again. */
	| { backoff: Error }
	/** Throttled (429): wait `waitMs` as the rate limit says, then try again; `error` if that is not possible. */
	| { wait: number; error: Error }
	/** Try again at once without counting an attempt (the caller fixed its own state, e.g. a new token). */
	| { again: true };

/** Jitter added to a backoff (spreads callers that failed together), up to this many ms. */
const BACKOFF_JITTER_MS = 500;
/** Jitter added to a 429 wait, up to this many ms. */
const THROTTLE_JITTER_MS = 250;

/** The wait before attempt `attempt + 1` after a transient failure: 1 s, 2 s, 4 s, … up to the cap, plus jitter. */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseBackoffMs' | 'maxBackoffMs'> = {}): number {
	const base = policy.baseBackoffMs ?? 1000;
	const cap = policy.maxBackoffMs ?? 30_000;
	return Math.min(cap, base * 2 ** (attempt - 1)) + Math.floor(Math.random() * BACKOFF_JITTER_MS);
}

/** The state of one retried request, handed to each attempt. */
export class RetryRun {
	/** Attempts made so far, the current one included. */
	attempts = 0;
	readonly deadline: number;

	constructor(readonly policy: RetryPolicy) {
		this.deadline = getClock().now() + policy.deadlineMs;
	}

	/** Time left before the deadline. */
	get remainingMs(): number {
		return Math.max(0, this.deadline - getClock().now());
	}

	/** The longest a wait for rate budget may take now. */
	get maxBudgetWaitMs(): number {
		return Math.min(this.policy.maxWaitMs ?? Infinity, this.remainingMs);
	}

	get isLastAttempt(): boolean {
		return this.attempts >= this.policy.maxAttempts;
	}
}

/**
 * Runs `attempt` until it is done, fails for good, or the policy is exhausted (attempts,
 * deadline); then the last failure is thrown. `onGiveUp` may dress that failure (e.g. say how
 * many tries it took) before it is thrown.
 */
export async function withRetries<T>(
	policy: RetryPolicy,
	attempt: (run: RetryRun) => Promise<Attempt<T>>,
	onGiveUp: (error: Error, run: RetryRun) => Error = (error) => error,
): Promise<T> {
	const clock = getClock();
	const run = new RetryRun(policy);
	for (;;) {
		run.attempts++;
		const outcome = await attempt(run);
		if ('done' in outcome) return outcome.done;
		if ('fail' in outcome) throw outcome.fail;
		if ('again' in outcome) {
			run.attempts--;
			continue;
		}
		const error = 'backoff' in outcome ? outcome.backoff : outcome.error;
		if (run.isLastAttempt) throw onGiveUp(error, run);
		const wait = 'backoff' in outcome ? backoffMs(run.attempts, policy) : outcome.wait + Math.floor(Math.random() * THROTTLE_JITTER_MS);
		const limit = 'backoff' in outcome ? run.remainingMs : run.maxBudgetWaitMs;
		if (wait > limit) throw onGiveUp(error, run);
		await clock.sleep(wait, policy.signal);
	}
}
