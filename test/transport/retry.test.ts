import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../../simulator/virtualClock';
import { describeCause, SpApiError } from '../../nodes/AmazonSeller/transport/errors';
import type { Attempt } from '../../nodes/AmazonSeller/transport/retry';
import { backoffMs, withRetries } from '../../nodes/AmazonSeller/transport/retry';

describe('the bounded retry policy', () => {
	let clock: VirtualClock;
	beforeEach(() => {
		clock = new VirtualClock(0);
		setClock(clock);
	});
	afterAll(() => setClock(systemClock));

	const transient = new SpApiError('HTTP 503', { code: 'ServiceUnavailable', transient: true });

	it('backs off 1 s, 2 s, 4 s … (plus jitter under 0.5 s), capped at 30 s', () => {
		for (let attempt = 1; attempt <= 8; attempt++) {
			const wait = backoffMs(attempt);
			const base = Math.min(30_000, 1000 * 2 ** (attempt - 1));
			expect(wait).toBeGreaterThanOrEqual(base);
			expect(wait).toBeLessThan(base + 500);
		}
	});

	it('stops at the attempt limit and throws the last failure', async () => {
		const times: number[] = [];
		const error = await withRetries({ maxAttempts: 3, deadlineMs: 60_000 }, async (): Promise<Attempt<string>> => {
			times.push(clock.now());
			return { backoff: transient };
		}).catch((e) => e);
		expect(error).toBe(transient);
		expect(times).toHaveLength(3);
	});

	it('stops before a wait would pass the deadline', async () => {
		let attempts = 0;
		await withRetries({ maxAttempts: 50, deadlineMs: 5_000 }, async (): Promise<Attempt<string>> => {
			attempts++;
			return { backoff: transient };
		}).catch(() => undefined);
		// 1 s + 2 s fit in 5 s, the next 4 s wait does not.
		expect(attempts).toBe(3);
		expect(clock.now()).toBeLessThanOrEqual(5_000);
	});

	it('waits as a 429 says, within maxWaitMs; a longer wait ends the retries', async () => {
		const times: number[] = [];
		const result = await withRetries({ maxAttempts: 5, deadlineMs: 60_000, maxWaitMs: 10_000 }, async (run): Promise<Attempt<string>> => {
			times.push(clock.now());
			return run.attempts < 3 ? { wait: 2_000, error: transient } : { done: 'ok' };
		});
		expect(result).toBe('ok');
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(2_000);
		expect(times[1] - times[0]).toBeLessThan(2_250);

		const refused = await withRetries({ maxAttempts: 5, deadlineMs: 60_000, maxWaitMs: 10_000 }, async (): Promise<Attempt<string>> => ({ wait: 20_000, error: transient })).catch((e) => e);
		expect(refused).toBe(transient);
	});

	it('does not retry a failure marked final, and does not count an "again"', async () => {
		const final = new SpApiError('Bad input', { code: 'InvalidInput' });
		let calls = 0;
		await expect(
			withRetries({ maxAttempts: 5, deadlineMs: 60_000 }, async (): Promise<Attempt<string>> => {
				calls++;
				return { fail: final };
			}),
		).rejects.toBe(final);
		expect(calls).toBe(1);

		let tries = 0;
		const value = await withRetries({ maxAttempts: 1, deadlineMs: 60_000 }, async (): Promise<Attempt<number>> => (++tries === 1 ? { again: true } : { done: tries }));
		expect(value).toBe(2);
	});

	it('stops waiting when the signal aborts', async () => {
		const controller = new AbortController();
		const pending = withRetries({ maxAttempts: 5, deadlineMs: 600_000, signal: controller.signal }, async (): Promise<Attempt<string>> => ({ backoff: transient }));
		controller.abort(new Error('cancelled by the user'));
		await expect(pending).rejects.toThrow('cancelled by the user');
	});
});

describe('describeCause', () => {
	it('never renders a thrown object as "[object Object]"', () => {
		// amazon-sp-api throws CustomError with a parsed body as its message for a non-XML S3 answer.
		const libraryError = Object.assign(new Error(), { code: 'UPLOAD_ERROR', message: { html: { body: 'Bad Gateway' } } });
		expect(describeCause(libraryError)).toBe('{"html":{"body":"Bad Gateway"}}');
		expect(describeCause({ code: 'X' })).toBe('{"code":"X"}');
		expect(describeCause('plain')).toBe('plain');
		expect(describeCause(new Error('socket hang up'))).toBe('socket hang up');
	});
});
