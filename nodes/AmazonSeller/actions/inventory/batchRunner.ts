import { RateBudgetError, SpApiError } from '../../transport';

/**
 * Runs `worker` over `tasks` with at most `concurrency` in flight. The transport paces every call
 * at Amazon's rate, so concurrency only hides network latency: with one call at a time a 200 ms
 * round trip would cap patches at 5/s even when the budget allows more after a pause.
 * Once `stop()` returns an error, no new task starts and the rest are handed to `skipped`.
 */
export async function runPool<T>(
	tasks: T[],
	concurrency: number,
	worker: (task: T) => Promise<void>,
	options: { stop?: () => unknown; skipped?: (task: T, reason: unknown) => void } = {},
): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < tasks.length) {
			const task = tasks[next++];
			const reason = options.stop?.();
			if (reason) {
				options.skipped?.(task, reason);
				continue;
			}
			await worker(task);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, lane));
}

/**
 * Whether a failed call says something about this one request (a bad SKU, a missing listing) or
 * about every request that would follow (access denied, budget used up, Amazon or the network
 * down after retries). After the latter, sending the remaining thousands of calls would only
 * repeat the same error, so the caller stops.
 */
export function affectsEveryRequest(error: unknown): boolean {
	if (error instanceof RateBudgetError) return true;
	if (!(error instanceof SpApiError)) return true;
	const status = error.statusCode;
	return status === undefined || status === 401 || status === 403 || status === 429 || status >= 500;
}
