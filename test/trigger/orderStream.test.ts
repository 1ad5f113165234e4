/**
 * The searchOrders reader against a fake Amazon that pages "live": every page re-runs the query
 * and skips `offset` results, so an order that changes between two requests leaves the window and
 * shifts the rest. The fake orders results by lastUpdatedTime or, to show the reader does not
 * depend on it, by order id.
 */
import { EventCollector } from '../../nodes/AmazonSeller/trigger/collector';
import { Cursor, SETTLE_MS } from '../../nodes/AmazonSeller/trigger/cursor';
import { readStream, type SearchOrdersPage, type SearchQuery, type StreamDeps } from '../../nodes/AmazonSeller/trigger/orderStream';
import type { TriggerEvent } from '../../nodes/AmazonSeller/trigger/types';
import { RateBudgetError, SpApiError } from '../../nodes/AmazonSeller/transport/errors';

const START = Date.UTC(2026, 0, 5, 12);
const MIN = 60_000;
const ALL = new Set<TriggerEvent>(['newOrder', 'orderCanceled', 'orderUpdated']);

interface FakeOrder {
	orderId: string;
	createdMs: number;
	updatedMs: number;
	status: string;
}

class LiveAmazon {
	readonly orders = new Map<string, FakeOrder>();
	calls = 0;
	/** Runs before each request is answered (an order changing while the client pages). */
	beforeAnswer?: (call: number, query: SearchQuery) => void;
	constructor(
		public now: number,
		private readonly sortBy: 'updated' | 'id' = 'updated',
	) {}

	add(id: string, atMs: number, status = 'UNSHIPPED'): void {
		this.orders.set(id, { orderId: id, createdMs: atMs, updatedMs: atMs, status });
	}

	change(id: string, status: string): void {
		const o = this.orders.get(id)!;
		o.status = status;
		o.updatedMs = Math.floor(this.now / 1000) * 1000;
	}

	search = async (query: SearchQuery): Promise<SearchOrdersPage> => {
		this.calls++;
		this.beforeAnswer?.(this.calls, query);
		const after = Date.parse(String(query.lastUpdatedAfter));
		const before = Date.parse(String(query.lastUpdatedBefore));
		if (before > this.now - 2 * MIN) throw new SpApiError('lastUpdatedBefore too late', { code: 'InvalidInput', statusCode: 400 });
		const matches = [...this.orders.values()]
			.filter((o) => o.updatedMs >= after && o.updatedMs <= before)
			.sort((a, b) => (this.sortBy === 'updated' ? a.updatedMs - b.updatedMs : 0) || a.orderId.localeCompare(b.orderId));
		const offset = query.paginationToken ? Number(query.paginationToken) : 0;
		const size = Number(query.maxResultsPerPage ?? 100);
		const page = matches.slice(offset, offset + size);
		return {
			orders: page.map((o) => ({
				orderId: o.orderId,
				createdTime: new Date(o.createdMs).toISOString(),
				lastUpdatedTime: new Date(o.updatedMs).toISOString(),
				salesChannel: { marketplaceId: 'ATVPDKIKX0DER' },
				fulfillment: { fulfillmentStatus: o.status, fulfilledBy: 'MERCHANT' },
			})),
			...(offset + size < matches.length ? { pagination: { nextToken: String(offset + size) } } : {}),
		};
	};
}

function deps(amazon: LiveAmazon, collector: EventCollector, over: Partial<StreamDeps> = {}): StreamDeps {
	return {
		search: amazon.search,
		tokensNow: () => 20,
		nowMs: () => amazon.now,
		stopAtMs: Number.MAX_SAFE_INTEGER,
		handle: (o) => collector.handle(o),
		warn: () => {},
		...over,
	};
}

const filter = { marketplaceIds: [], fulfilledBy: [], includedData: ['FULFILLMENT'] };
const key = (e: { observation: { orderId: string; updatedMs: number } }) => `${e.observation.orderId}@${e.observation.updatedMs}`;

it('the fake really shifts: naive paging over a changing window skips an order', async () => {
	const amazon = new LiveAmazon(START + 60 * MIN);
	for (let i = 0; i < 250; i++) amazon.add(`o${String(i).padStart(3, '0')}`, START + i * 1000);
	amazon.beforeAnswer = (call) => {
		if (call === 2) amazon.change('o005', 'SHIPPED');
	};
	const seen = new Set<string>();
	let token: string | undefined;
	const window = { lastUpdatedAfter: new Date(START).toISOString(), lastUpdatedBefore: new Date(START + 30 * MIN).toISOString(), maxResultsPerPage: 100 };
	do {
		const page = await amazon.search(token ? { ...window, paginationToken: token } : window);
		for (const o of page.orders as Array<{ orderId: string }>) seen.add(o.orderId);
		token = page.pagination?.nextToken;
	} while (token);
	expect(seen.has('o100')).toBe(false);
});

describe.each(['updated', 'id'] as const)('reading a busy stream (results ordered by %s)', (sortBy) => {
	it('loses no change and repeats none while orders keep changing between requests', async () => {
		const amazon = new LiveAmazon(START + 40 * MIN, sortBy);
		// 600 orders placed in 30 minutes: far more than one page per window.
		for (let i = 0; i < 600; i++) amazon.add(`o${String(i).padStart(3, '0')}`, START + i * 3000, 'PENDING');
		let n = 0;
		const churn = (i: number) => `o${String(i % 60).padStart(3, '0')}`;
		amazon.beforeAnswer = () => {
			amazon.now += 7_000;
			// Between every two requests two of the first 60 orders change (they leave their window,
			// shifting whatever comes after them); the other 540 never change.
			for (let k = 0; k < 2; k++) amazon.change(churn(n++), n % 2 ? 'UNSHIPPED' : 'PARTIALLY_SHIPPED');
		};
		const cursor = Cursor.fresh(START);
		const collector = new EventCollector(cursor, ALL);
		for (let poll = 0; poll < 40 && cursor.watermarkMs < amazon.now - SETTLE_MS - 60_000; poll++) {
			await readStream(cursor, filter, deps(amazon, collector));
			amazon.now += 60_000;
		}
		amazon.beforeAnswer = undefined;
		amazon.now += 10 * MIN;
		await readStream(cursor, filter, deps(amazon, collector));

		const emitted = collector.events.map(key);
		expect(new Set(emitted).size).toBe(emitted.length);
		// Every order's current version came out, and the 540 that never changed came out exactly once.
		for (const o of amazon.orders.values()) expect(emitted).toContain(`${o.orderId}@${o.updatedMs}`);
		const perOrder = new Map<string, number>();
		for (const e of collector.events) perOrder.set(e.observation.orderId, (perOrder.get(e.observation.orderId) ?? 0) + 1);
		for (let i = 60; i < 600; i++) expect(perOrder.get(`o${String(i).padStart(3, '0')}`)).toBe(1);
	});
});

describe('a window that cannot be narrowed (more than a page of changes in one second)', () => {
	function sameSecond(count: number): LiveAmazon {
		const amazon = new LiveAmazon(START + 30 * MIN);
		for (let i = 0; i < count; i++) amazon.add(`s${String(i).padStart(3, '0')}`, START + 5 * MIN);
		return amazon;
	}

	it('is paged, read again, and committed only when a whole pass finds nothing missed', async () => {
		const amazon = sameSecond(250);
		let secondPages = 0;
		amazon.beforeAnswer = (_call, query) => {
			if (query.paginationToken !== '100') return;
			secondPages++;
			// While the first pass pages, an order it already returned changes: the rest shift up by one.
			if (secondPages === 1) amazon.change('s010', 'SHIPPED');
		};
		const cursor = Cursor.fresh(START);
		const collector = new EventCollector(cursor, ALL);
		for (let poll = 0; poll < 10; poll++) {
			await readStream(cursor, filter, deps(amazon, collector));
			amazon.now += 3 * MIN;
		}
		const newOrders = collector.events.filter((e) => e.event === 'newOrder').map((e) => e.observation.orderId);
		expect(new Set(newOrders).size).toBe(250);
		expect(newOrders).toHaveLength(250);
		expect(cursor.watermarkMs).toBeGreaterThan(START + 5 * MIN);
		// The shift happened, and it took a second pass to find the order the first one skipped.
		expect(secondPages).toBeGreaterThanOrEqual(2);
	});

	it('is not committed when Amazon rejects a page token (expired): the next poll reads it again', async () => {
		const amazon = sameSecond(150);
		const cursor = Cursor.fresh(START + 5 * MIN - 1000);
		const collector = new EventCollector(cursor, ALL);
		const search = amazon.search;
		amazon.search = async (query) => {
			if (query.paginationToken) throw new SpApiError('The paginationToken has expired', { code: 'InvalidInput', statusCode: 400 });
			return await search(query);
		};
		const result = await readStream(cursor, filter, deps(amazon, collector));
		expect(result.stop).toBe('transient');
		expect(cursor.watermarkMs).toBe(START + 5 * MIN - 1000);
		amazon.search = search;
		amazon.now += 3 * MIN;
		await readStream(cursor, filter, deps(amazon, collector));
		expect(new Set(collector.events.map((e) => e.observation.orderId)).size).toBe(150);
	});
});

describe('stopping early keeps the position', () => {
	const busy = () => {
		const amazon = new LiveAmazon(START + 60 * MIN);
		for (let i = 0; i < 50; i++) amazon.add(`o${i}`, START + i * 60_000);
		return amazon;
	};

	it('makes no call without budget', async () => {
		const amazon = busy();
		const cursor = Cursor.fresh(START);
		const result = await readStream(cursor, filter, deps(amazon, new EventCollector(cursor, ALL), { tokensNow: () => 0 }));
		expect(result).toMatchObject({ stop: 'budget', calls: 0 });
		expect(amazon.calls).toBe(0);
	});

	it('stops quietly when Amazon throttles, and when the poll runs out of time', async () => {
		const cursor = Cursor.fresh(START);
		const throttled = await readStream(cursor, filter, {
			...deps(busy(), new EventCollector(cursor, ALL)),
			search: async () => {
				throw new RateBudgetError('searchOrders', 180_000, true);
			},
		});
		expect(throttled.stop).toBe('budget');
		const late = await readStream(cursor, filter, deps(busy(), new EventCollector(cursor, ALL), { stopAtMs: START }));
		expect(late.stop).toBe('pollTime');
		expect(cursor.watermarkMs).toBe(START);
	});

	it('reports a transient failure, and throws what retrying cannot fix', async () => {
		const cursor = Cursor.fresh(START);
		const collector = new EventCollector(cursor, ALL);
		const failing = (error: Error) => ({ ...deps(busy(), collector), search: async () => Promise.reject(error) });
		const transient = await readStream(cursor, filter, failing(new SpApiError('Service unavailable', { code: 'HTTP503', statusCode: 503, transient: true })));
		expect(transient.stop).toBe('transient');
		expect(transient.error?.statusCode).toBe(503);
		await expect(readStream(cursor, filter, failing(new SpApiError('Access denied', { code: 'Unauthorized', statusCode: 403 })))).rejects.toThrow('Access denied');
		expect(cursor.watermarkMs).toBe(START);
	});
});
