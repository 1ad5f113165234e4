import { Cursor, MIN_SPAN_MS, OVERLAP_MS, SETTLE_MS, spanFor, TARGET_RESULTS } from '../../nodes/AmazonSeller/trigger/cursor';

const START = Date.UTC(2026, 0, 5, 12, 0, 0);
const MIN = 60_000;

describe('cursor windows', () => {
	it('starts at the start, re-reads the overlap and stays 2.5 minutes behind now, in whole seconds', () => {
		const cursor = Cursor.fresh(START + 123);
		expect(cursor.nextWindow(START + 2 * MIN)).toBeUndefined();
		const window = cursor.nextWindow(START + 10 * MIN + 456)!;
		expect(window.afterMs).toBe(START - OVERLAP_MS);
		expect(window.beforeMs).toBe(START + 10 * MIN - SETTLE_MS);
		expect(window.beforeMs % 1000).toBe(0);
		// Amazon refuses a lastUpdatedBefore less than two minutes before the request.
		expect(START + 10 * MIN + 456 - window.beforeMs).toBeGreaterThanOrEqual(2 * MIN);
	});

	it('moves the watermark only when a window is committed', () => {
		const cursor = Cursor.fresh(START);
		const window = cursor.nextWindow(START + 30 * MIN)!;
		cursor.overflowed(window);
		expect(cursor.watermarkMs).toBe(START);
		const narrower = cursor.nextWindow(START + 30 * MIN)!;
		expect(narrower.beforeMs).toBeLessThan(window.beforeMs);
		cursor.commit(narrower, 40);
		expect(cursor.watermarkMs).toBe(narrower.beforeMs);
	});

	it('after an overflow reads narrower: half the span, or where the returned page shows about 80 changes end', () => {
		const cursor = Cursor.fresh(START);
		const window = cursor.nextWindow(START + 60 * MIN)!;
		cursor.overflowed(window, []);
		expect(cursor.spanMs).toBe((window.beforeMs - window.afterMs) / 2);
		// The page returned the 100 oldest changes of the window, one every 3 s from its start.
		const sampled = Cursor.fresh(START);
		const first = sampled.nextWindow(START + 60 * MIN)!;
		const oldest = Array.from({ length: 100 }, (_, i) => first.afterMs + (i + 1) * 3000);
		sampled.overflowed(first, oldest);
		expect(sampled.spanMs).toBe(80 * 3000);
	});

	it('sizes windows from the density it has seen, so a window holds about one page', () => {
		const cursor = Cursor.fresh(START);
		// 600 changes in one hour of lastUpdatedTime (overlap included).
		cursor.commit({ afterMs: START - OVERLAP_MS, beforeMs: START - OVERLAP_MS + 60 * MIN }, 600);
		const perHour = cursor.perHour;
		expect(perHour).toBeCloseTo(600, 6);
		expect(cursor.spanMs).toBe(spanFor(perHour));
		const window = cursor.nextWindow(START + 3 * 60 * MIN)!;
		const expectedResults = (perHour / 3600_000) * (window.beforeMs - window.afterMs);
		expect(Math.abs(expectedResults - TARGET_RESULTS)).toBeLessThan(2);
	});

	it('re-reads no overlap after a window that was read long after its end (a backlog)', () => {
		const cursor = Cursor.fresh(START);
		cursor.commit({ afterMs: START - OVERLAP_MS, beforeMs: START + 10 * MIN }, 10, false, START + 10 * MIN + 60 * MIN);
		expect(cursor.nextWindow(START + 3 * 60 * MIN)!.afterMs).toBe(START + 10 * MIN);
		cursor.commit({ afterMs: START + 10 * MIN, beforeMs: START + 20 * MIN }, 10, false, START + 20 * MIN + SETTLE_MS);
		expect(cursor.nextWindow(START + 3 * 60 * MIN)!.afterMs).toBe(START + 20 * MIN - OVERLAP_MS);
	});

	it('never lets the overlap fill the page on its own', () => {
		expect(spanFor(1_000_000)).toBeGreaterThanOrEqual(MIN_SPAN_MS);
		const cursor = Cursor.fresh(START);
		cursor.commit({ afterMs: START - OVERLAP_MS, beforeMs: START + 1000 }, 5000);
		const window = cursor.nextWindow(START + 60 * MIN)!;
		expect(window.beforeMs - cursor.watermarkMs).toBeGreaterThanOrEqual(cursor.watermarkMs - window.afterMs);
	});

	it('estimates the backlog from the density', () => {
		const cursor = Cursor.fresh(START);
		cursor.commit({ afterMs: START - OVERLAP_MS, beforeMs: START + 9 * MIN }, 100);
		const backlog = cursor.backlogEstimate(START + 9 * MIN + SETTLE_MS + 60 * MIN);
		expect(backlog).toBeCloseTo(cursor.perHour, -1);
	});
});

describe('processed versions', () => {
	it('drops a version seen before, keeps a newer one, and tells same-second changes apart by status', () => {
		const cursor = Cursor.fresh(START);
		expect(cursor.isNew('o1', START + 1000, 'PENDING')).toBe(true);
		cursor.markProcessed('o1', START + 1000, 'PENDING');
		expect(cursor.isNew('o1', START + 1000, 'PENDING')).toBe(false);
		expect(cursor.isNew('o1', START + 1000, 'UNSHIPPED')).toBe(true);
		expect(cursor.isNew('o1', START + 2000, 'PENDING')).toBe(true);
		expect(cursor.isNew('o1', START, 'SHIPPED')).toBe(false);
	});

	it('forgets versions once they can no longer be read again, so state follows the overlap, not history', () => {
		const cursor = Cursor.fresh(START);
		for (let i = 0; i < 500; i++) cursor.markProcessed(`o${i}`, START + i * 1000, 'PENDING');
		cursor.commit({ afterMs: START - OVERLAP_MS, beforeMs: START + 500_000 }, 500);
		expect(cursor.versionCount).toBeLessThanOrEqual(OVERLAP_MS / 1000 + 1);
		expect(cursor.isNew('o499', START + 499_000, 'PENDING')).toBe(false);
	});
});

describe('stored form', () => {
	it('round-trips through JSON and refuses what it does not understand', () => {
		const cursor = Cursor.fresh(START, '2026-01-01T00:00:00.000Z');
		cursor.markProcessed('o1', START, 'PENDING');
		cursor.memory.set('o1', START, 'p');
		const loaded = Cursor.load(JSON.parse(JSON.stringify(cursor.toJSON())))!;
		expect(loaded.watermarkMs).toBe(START);
		expect(loaded.startDate).toBe('2026-01-01T00:00:00.000Z');
		expect(loaded.isNew('o1', START, 'PENDING')).toBe(false);
		expect(loaded.memory.get('o1', START)).toBe('p');
		for (const bad of [undefined, null, 'x', [], {}, { v: 99, watermarkMs: 1, startMs: 1 }, { v: 1, watermarkMs: 'x', startMs: 1 }]) {
			expect(Cursor.load(bad)).toBeUndefined();
		}
	});

	it('does not change the stored object while a poll works on it', () => {
		const stored = JSON.parse(JSON.stringify(Cursor.fresh(START).toJSON()));
		const before = JSON.stringify(stored);
		const cursor = Cursor.load(stored)!;
		cursor.markProcessed('o1', START + 1000, 'PENDING');
		cursor.memory.set('o1', START + 1000, 'a');
		cursor.commit({ afterMs: START - OVERLAP_MS, beforeMs: START + 10 * MIN }, 1);
		cursor.report = { reportId: 'r', fromMs: 0, toMs: 1, requestedMs: 2 };
		expect(JSON.stringify(stored)).toBe(before);
	});
});
