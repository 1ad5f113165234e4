import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../../simulator/virtualClock';
import { RateBudgetError } from '../../nodes/AmazonSeller/transport/errors';
import { acquireToken, bucketFor, resetPacing, TokenBucket } from '../../nodes/AmazonSeller/transport/pacing';

describe('token bucket pacing', () => {
	let clock: VirtualClock;
	beforeEach(() => {
		clock = new VirtualClock(0);
		setClock(clock);
		resetPacing();
	});
	afterAll(() => setClock(systemClock));

	it('spends the burst at once, then paces at the published rate (confirmShipment: 2/s, burst 10)', async () => {
		const bucket = bucketFor('acct', 'confirmShipment', 2, 10);
		const times: number[] = [];
		for (let i = 0; i < 20; i++) {
			await acquireToken(bucket, 'confirmShipment', Infinity);
			times.push(clock.now());
		}
		expect(times.slice(0, 10).every((t) => t === 0)).toBe(true);
		// 10 more calls at 2/s take 5 s: the 20th call starts at 5000 ms.
		expect(times[19]).toBe(5100); // + PACING_SLACK_MS
		const gaps = times.slice(10).map((t, i) => t - (i === 0 ? 0 : times[9 + i]));
		expect(gaps.slice(1).every((g) => g === 500)).toBe(true);
	});

	it('queues concurrent callers instead of letting them all through', async () => {
		const bucket = bucketFor('acct', 'getOrder', 0.5, 2);
		const started: number[] = [];
		await Promise.all(
			Array.from({ length: 4 }, async () => {
				await acquireToken(bucket, 'getOrder', Infinity);
				started.push(clock.now());
			}),
		);
		started.sort((a, b) => a - b);
		expect(started).toEqual([0, 0, 2100, 4100]); // + PACING_SLACK_MS
	});

	it('refuses, without spending a token, a call that would wait longer than allowed', async () => {
		const bucket = bucketFor('acct', 'searchOrders', 0.0056, 1);
		await acquireToken(bucket, 'searchOrders', 0);
		await expect(acquireToken(bucket, 'searchOrders', 1000)).rejects.toBeInstanceOf(RateBudgetError);
		// ~178.6 s later one token is back, and the refused call did not eat it.
		clock.advance(179_000);
		await expect(acquireToken(bucket, 'searchOrders', 0)).resolves.toBeUndefined();
	});

	it('after a 429 trusts Amazon: empties the bucket and adopts the rate it announced', () => {
		const bucket = new TokenBucket(2, 10, 0);
		bucket.drain(0, 0.5);
		expect(bucket.available(0)).toBe(0);
		expect(bucket.waitMs(0)).toBe(2000);
	});

	it('keeps one budget per account and operation', () => {
		expect(bucketFor('a', 'getOrder', 0.5, 30)).toBe(bucketFor('a', 'getOrder', 0.5, 30));
		expect(bucketFor('a', 'getOrder', 0.5, 30)).not.toBe(bucketFor('b', 'getOrder', 0.5, 30));
		expect(bucketFor('a', 'getOrder', 0.5, 30)).not.toBe(bucketFor('a', 'searchOrders', 0.0056, 20));
	});
});
