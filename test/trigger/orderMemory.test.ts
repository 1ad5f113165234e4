import { DONE_HORIZON_MS, OPEN_HORIZON_MS, OrderMemory } from '../../nodes/AmazonSeller/trigger/orderMemory';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 1, 12);

describe('order memory', () => {
	it('remembers by the day an order was placed and forgets finished orders after the done horizon', () => {
		const memory = new OrderMemory();
		memory.set('old-finished', NOW - DONE_HORIZON_MS - 2 * DAY, 't');
		memory.set('old-open', NOW - DONE_HORIZON_MS - 2 * DAY, 'a');
		memory.set('recent', NOW - DAY, 't');
		memory.prune(NOW);
		expect(memory.get('old-finished', NOW - DONE_HORIZON_MS - 2 * DAY)).toBeUndefined();
		expect(memory.get('old-open', NOW - DONE_HORIZON_MS - 2 * DAY)).toBe('a');
		expect(memory.get('recent', NOW - DAY)).toBe('t');
		memory.prune(NOW + OPEN_HORIZON_MS);
		expect(memory.get('old-open', NOW - DONE_HORIZON_MS - 2 * DAY)).toBeUndefined();
	});

	it('floors say from when "unknown" means "never seen"', () => {
		const memory = new OrderMemory();
		const { done, open } = memory.floors(NOW);
		expect(done).toBeLessThanOrEqual(NOW - DONE_HORIZON_MS);
		expect(done).toBeGreaterThan(NOW - DONE_HORIZON_MS - DAY);
		expect(open).toBeLessThan(done);
		// Whatever is placed on or after the floor survives pruning at that watermark.
		memory.set('on-floor', done, 't');
		memory.prune(NOW);
		expect(memory.get('on-floor', done)).toBe('t');
	});

	it('over the size cap it drops the oldest finished orders first and raises the floor', () => {
		const memory = new OrderMemory();
		for (let d = 0; d < 5; d++) {
			for (let i = 0; i < 10; i++) memory.set(`fin-${d}-${i}`, NOW - d * DAY, 't');
			memory.set(`open-${d}`, NOW - d * DAY, 'p');
		}
		memory.prune(NOW, 30);
		expect(memory.size).toBeLessThanOrEqual(30);
		for (let d = 0; d < 5; d++) expect(memory.get(`open-${d}`, NOW - d * DAY)).toBe('p');
		expect(memory.get('fin-0-0', NOW)).toBe('t');
		expect(memory.get('fin-4-0', NOW - 4 * DAY)).toBeUndefined();
		expect(memory.floors(NOW).done).toBeGreaterThan(NOW - 3 * DAY);
	});

	it('never changes the stored object it was read from (the poll may still fail)', () => {
		const stored = { days: { '20260301': { a: 'p' as const } } };
		const snapshot = JSON.stringify(stored);
		const memory = new OrderMemory(stored);
		memory.set('a', NOW, 't');
		memory.set('b', NOW, 'p');
		memory.prune(NOW + 100 * DAY);
		expect(JSON.stringify(stored)).toBe(snapshot);
		expect(memory.toJSON().days).toEqual({});
	});
});
