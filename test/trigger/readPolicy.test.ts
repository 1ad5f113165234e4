import { DEEP_READ_TOKENS, mayReadAnother, mayStartReading, noteTriggerPoll, RESERVE_TOKENS, shortestPollIntervalMs, STEADY_INTERVAL_MS } from '../../nodes/AmazonSeller/trigger/readPolicy';

const NOW = Date.UTC(2026, 0, 5);

describe('read policy', () => {
	it('reads at the sustained rate when caught up: once per 1/0.0056 s', () => {
		expect(STEADY_INTERVAL_MS).toBe(Math.ceil(1000 / 0.0056));
		expect(mayStartReading({ nowMs: NOW, lastReadMs: NOW - 60_000, tokensNow: 20, behind: false })).toBe(false);
		expect(mayStartReading({ nowMs: NOW, lastReadMs: NOW - STEADY_INTERVAL_MS, tokensNow: 1, behind: false })).toBe(true);
		expect(mayStartReading({ nowMs: NOW, tokensNow: 1, behind: false })).toBe(true);
	});

	it('uses the burst only when behind, and never the reserve', () => {
		expect(mayStartReading({ nowMs: NOW, lastReadMs: NOW - 1000, tokensNow: RESERVE_TOKENS + 1, behind: true })).toBe(true);
		expect(mayStartReading({ nowMs: NOW, lastReadMs: NOW - 1000, tokensNow: RESERVE_TOKENS, behind: true })).toBe(false);
		expect(mayReadAnother(3, RESERVE_TOKENS + 1)).toBe(true);
		expect(mayReadAnother(3, RESERVE_TOKENS + 0.9)).toBe(false);
	});

	it('triggers sharing an account take turns: each reads every N steady intervals', () => {
		expect(noteTriggerPoll('acct', 'wf1:n', NOW)).toBe(1);
		expect(noteTriggerPoll('acct', 'wf2:n', NOW + 1000)).toBe(2);
		expect(noteTriggerPoll('other', 'wf3:n', NOW)).toBe(1);
		const after = (ms: number) => ({ nowMs: NOW + ms, lastReadMs: NOW, tokensNow: 20, behind: false, sharers: 2 });
		expect(mayStartReading(after(STEADY_INTERVAL_MS))).toBe(false);
		expect(mayStartReading(after(2 * STEADY_INTERVAL_MS))).toBe(true);
		// A trigger that stopped polling stops counting after a while.
		expect(noteTriggerPoll('acct', 'wf1:n', NOW + 20 * 60_000)).toBe(1);
	});

	it('pages a window too dense to narrow only once the burst has refilled enough for it', () => {
		const base = { nowMs: NOW, lastReadMs: NOW - STEADY_INTERVAL_MS, behind: true, deepRead: true };
		expect(mayStartReading({ ...base, tokensNow: RESERVE_TOKENS + DEEP_READ_TOKENS - 1 })).toBe(false);
		expect(mayStartReading({ ...base, tokensNow: RESERVE_TOKENS + DEEP_READ_TOKENS })).toBe(true);
	});

	it('never reads without a token (so it never draws a 429 of its own making)', () => {
		expect(mayStartReading({ nowMs: NOW, tokensNow: 0, behind: true })).toBe(false);
	});

	it("tells the shortest interval of n8n's Poll Times", () => {
		expect(shortestPollIntervalMs({ item: [{ mode: 'everyMinute' }] })).toBe(60_000);
		expect(shortestPollIntervalMs({ item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] })).toBe(300_000);
		expect(shortestPollIntervalMs({ item: [{ mode: 'everyX', value: 2, unit: 'hours' }] })).toBe(7_200_000);
		expect(shortestPollIntervalMs({ item: [{ mode: 'everyHour' }, { mode: 'everyX', value: 10, unit: 'minutes' }] })).toBe(600_000);
		expect(shortestPollIntervalMs({ item: [{ mode: 'custom', cronExpression: '*/2 * * * *' }] })).toBeUndefined();
		expect(shortestPollIntervalMs(undefined)).toBeUndefined();
	});
});
