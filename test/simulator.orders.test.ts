import { VirtualClock } from '../simulator/virtualClock';
import { startSimulator, type Simulator } from '../simulator';
import { HOSTS, getToken, iso, sp } from './simulator.helpers';

const MIN = 60_000;
const ALL = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES', 'TAX', 'PAYMENT', 'FULFILLMENT_ORDERS'];

function cents(amount: string): number {
	return Math.round(Number(amount) * 100);
}

describe('simulator: Orders 2026-01-01 searchOrders / getOrder', () => {
	let clock: VirtualClock;
	let sim: Simulator;
	let token: string;

	beforeEach(async () => {
		clock = new VirtualClock();
		sim = await startSimulator({ clock });
		token = await getToken(sim, 'na');
	});
	afterEach(async () => {
		await sim.close();
	});

	const search = (query: Record<string, any>, t = token, host: string = HOSTS.na) => sp(sim, t, '/orders/2026-01-01/orders', { query, host });

	test('window rules: exactly one of createdAfter/lastUpdatedAfter, bounds pairing, two-minute rule', async () => {
		const now = clock.now();
		expect((await search({})).status).toBe(400);
		expect((await search({ createdAfter: iso(now - 3600_000), lastUpdatedAfter: iso(now - 3600_000) })).status).toBe(400);
		expect((await search({ createdAfter: iso(now - 3600_000), lastUpdatedBefore: iso(now - 10 * MIN) })).status).toBe(400);
		expect((await search({ lastUpdatedAfter: iso(now - 3600_000), createdBefore: iso(now - 10 * MIN) })).status).toBe(400);
		const tooLate = await search({ lastUpdatedAfter: iso(now - 3600_000), lastUpdatedBefore: iso(now - 60_000) });
		expect(tooLate.status).toBe(400);
		expect(tooLate.body.errors[0]).toMatchObject({ code: 'InvalidInput' });
		expect(tooLate.body.errors[0].message).toMatch(/two minutes/);
		expect((await search({ lastUpdatedAfter: iso(now - 10 * MIN), lastUpdatedBefore: iso(now - 20 * MIN) })).status).toBe(400);
		expect((await search({ lastUpdatedAfter: iso(now - 60_000) })).status).toBe(400);
		expect((await search({ lastUpdatedAfter: 'yesterday' })).status).toBe(400);
		const ok = await search({ lastUpdatedAfter: iso(now - 3600_000), lastUpdatedBefore: iso(now - 2 * MIN) });
		expect(ok.status).toBe(200);
		const dflt = await search({ createdAfter: iso(now - 3600_000) });
		expect(dflt.status).toBe(200);
		expect(dflt.body.createdBefore).toBe(iso(now - 2 * MIN));
		expect(sim.validationErrors.length).toBeGreaterThan(0);
	});

	test('orders updated in the last two minutes are invisible until they age', async () => {
		const since = clock.now() - 10 * MIN;
		const order = sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', createdAt: clock.now() });
		const ids = async () => {
			const all: string[] = [];
			let next: string | undefined;
			do {
				const r = await search({ lastUpdatedAfter: iso(since), paginationToken: next });
				expect(r.status).toBe(200);
				all.push(...r.body.orders.map((o: any) => o.orderId));
				next = r.body.pagination?.nextToken;
			} while (next);
			return all;
		};
		expect(await ids()).not.toContain(order.orderId);
		clock.advance(2 * MIN + 1000);
		expect(await ids()).toContain(order.orderId);
		// getOrder sees it at once.
		const got = await sp(sim, token, `/orders/2026-01-01/orders/${order.orderId}`);
		expect(got.status).toBe(200);
	});

	test('sorted by lastUpdatedTime; filters; includedData controls the sections', async () => {
		const r = await search({ lastUpdatedAfter: iso(clock.now() - 5 * 86400_000), maxResultsPerPage: 100, marketplaceIds: ['ATVPDKIKX0DER'] });
		expect(r.status).toBe(200);
		const orders = r.body.orders;
		expect(orders.length).toBeGreaterThan(5);
		const times = orders.map((o: any) => Date.parse(o.lastUpdatedTime));
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		for (const o of orders) {
			expect(o.orderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);
			expect(o.salesChannel).toEqual({ channelName: 'AMAZON', marketplaceId: 'ATVPDKIKX0DER', marketplaceName: 'Amazon.com' });
			expect(o.buyer).toBeUndefined();
			expect(o.fulfillment).toBeUndefined();
			expect(o.proceeds).toBeUndefined();
			expect(o.orderItems[0].product.sellerSku).toBeTruthy();
			expect(o.orderItems[0].product.price.unitPrice.currencyCode).toBe('USD');
		}
		const fbaOnly = await search({ lastUpdatedAfter: iso(clock.now() - 5 * 86400_000), fulfilledBy: ['AMAZON'], includedData: ['FULFILLMENT', 'BUYER'] });
		expect(fbaOnly.body.orders.length).toBeGreaterThan(0);
		for (const o of fbaOnly.body.orders) {
			expect(o.fulfillment.fulfilledBy).toBe('AMAZON');
			// North American FBA orders come without a buyer name.
			expect(o.buyer?.buyerName).toBeUndefined();
		}
		const shipped = await search({ lastUpdatedAfter: iso(clock.now() - 5 * 86400_000), fulfillmentStatuses: ['SHIPPED'], includedData: ['FULFILLMENT'] });
		expect(shipped.body.orders.every((o: any) => o.fulfillment.fulfillmentStatus === 'SHIPPED')).toBe(true);
		expect((await search({ lastUpdatedAfter: iso(clock.now() - 86400_000), includedData: ['EVERYTHING'] })).status).toBe(400);
		expect((await search({ lastUpdatedAfter: iso(clock.now() - 86400_000), maxResultsPerPage: 101 })).status).toBe(400);
		expect((await search({ lastUpdatedAfter: iso(clock.now() - 86400_000), marketplaceIds: ['A1PA6795UKMFR9'] })).status).toBe(400);
	});

	test('money is internally consistent in every marketplace', async () => {
		for (const key of ['na', 'eu', 'fe'] as const) {
			const t = await getToken(sim, key);
			const r = await search({ lastUpdatedAfter: iso(clock.now() - 5 * 86400_000), includedData: ['PROCEEDS'] }, t, HOSTS[key]);
			expect(r.status).toBe(200);
			for (const o of r.body.orders) {
				const grand = cents(o.proceeds.grandTotal.amount);
				const sumBreakdowns = o.proceeds.breakdowns.reduce((s: number, b: any) => s + cents(b.subtotal.amount), 0);
				const sumItems = o.orderItems.reduce((s: number, i: any) => s + cents(i.proceeds.proceedsTotal.amount), 0);
				expect(sumBreakdowns).toBe(grand);
				expect(sumItems).toBe(grand);
				for (const i of o.orderItems) {
					const itemLine = i.proceeds.breakdowns.find((b: any) => b.type === 'ITEM');
					const cancelled = cents(i.proceeds.proceedsTotal.amount) === 0 && cents(itemLine.subtotal.amount) === 0;
					if (!cancelled) expect(cents(itemLine.subtotal.amount)).toBe(cents(i.product.price.unitPrice.amount) * i.quantityOrdered);
					const itemSum = i.proceeds.breakdowns.reduce((s: number, b: any) => s + cents(b.subtotal.amount), 0);
					expect(itemSum).toBe(cents(i.proceeds.proceedsTotal.amount));
					for (const b of i.proceeds.breakdowns) {
						if (b.detailedBreakdowns) {
							expect(b.detailedBreakdowns.reduce((s: number, d: any) => s + cents(d.value.amount), 0)).toBe(cents(b.subtotal.amount));
						}
					}
					// US adds tax on top; EU and JP prices include it.
					const hasTax = i.proceeds.breakdowns.some((b: any) => b.type === 'TAX');
					if (key !== 'na') expect(hasTax).toBe(false);
				}
			}
		}
	});

	test('pagination: nextToken, parameter mismatch, 24 h expiry', async () => {
		sim.orders.generate({ count: 30, account: 'na', createdAt: [clock.now() - 3600_000, clock.now() - 10 * MIN] });
		const q = { lastUpdatedAfter: iso(clock.now() - 2 * 3600_000), maxResultsPerPage: 10 };
		const first = await search(q);
		expect(first.status).toBe(200);
		expect(first.body.orders).toHaveLength(10);
		const next = first.body.pagination.nextToken;
		expect(typeof next).toBe('string');
		const second = await search({ ...q, paginationToken: next, maxResultsPerPage: 5, includedData: ['BUYER'] });
		expect(second.status).toBe(200);
		expect(second.body.orders[0].orderId).not.toBe(first.body.orders[0].orderId);
		const mismatch = await search({ lastUpdatedAfter: iso(clock.now() - 3 * 3600_000), paginationToken: next });
		expect(mismatch.status).toBe(400);
		const missing = await search({ paginationToken: next });
		expect(missing.status).toBe(400);
		expect((await search({ ...q, paginationToken: 'garbage' })).status).toBe(400);
		clock.advance(24 * 3600_000 + 1000);
		const fresh = await getToken(sim, 'na');
		const expired = await search({ ...q, paginationToken: next }, fresh);
		expect(expired.status).toBe(400);
		expect(expired.body.errors[0].message).toMatch(/expired/);
	});

	test('live pagination: an order updated between pages drops out and shifts later pages', async () => {
		const base = clock.now() - 3600_000;
		const created = Array.from({ length: 6 }, (_, i) =>
			sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', createdAt: base + i * 1000, status: 'UNSHIPPED', lastUpdatedAt: base + i * 1000 }),
		);
		const q = { lastUpdatedAfter: iso(base), lastUpdatedBefore: iso(base + 10_000), maxResultsPerPage: 2 };
		const p1 = await search(q);
		expect(p1.body.orders.map((o: any) => o.orderId)).toEqual([created[0].orderId, created[1].orderId]);
		sim.orders.transition(created[0].orderId, 'CANCELLED');
		const p2 = await search({ ...q, paginationToken: p1.body.pagination.nextToken });
		// created[2] slid into the first page's slot: the reader never sees it.
		expect(p2.body.orders.map((o: any) => o.orderId)).toEqual([created[3].orderId, created[4].orderId]);
	});

	test('snapshot pagination keeps the first page’s result set', async () => {
		const snap = await startSimulator({ clock, paginationMode: 'snapshot', seedOrders: 0 });
		try {
			const t = await getToken(snap, 'na');
			const base = clock.now() - 3600_000;
			const created = Array.from({ length: 4 }, (_, i) =>
				snap.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', createdAt: base + i * 1000, status: 'UNSHIPPED', lastUpdatedAt: base + i * 1000 }),
			);
			const q = { lastUpdatedAfter: iso(base), lastUpdatedBefore: iso(base + 10_000), maxResultsPerPage: 2 };
			const p1 = await sp(snap, t, '/orders/2026-01-01/orders', { query: q });
			snap.orders.transition(created[0].orderId, 'CANCELLED');
			const p2 = await sp(snap, t, '/orders/2026-01-01/orders', { query: { ...q, paginationToken: p1.body.pagination.nextToken } });
			expect(p2.body.orders.map((o: any) => o.orderId)).toEqual([created[2].orderId, created[3].orderId]);
		} finally {
			await snap.close();
		}
	});

	test('getOrder: full shape, 404 for unknown and for other sellers’ orders', async () => {
		const order = sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', gift: true, business: true, itemCount: 2, createdAt: clock.now() - 3600_000 });
		const r = await sp(sim, token, `/orders/2026-01-01/orders/${order.orderId}`, { query: { includedData: ALL } });
		expect(r.status).toBe(200);
		const o = r.body.order;
		expect(o.buyer.buyerName).toBeTruthy();
		expect(o.buyer.buyerEmail).toMatch(/@marketplace\.amazon\.com$/);
		expect(o.recipient.deliveryAddress.addressLine1).toBeTruthy();
		expect(o.fulfillment).toMatchObject({ fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' });
		expect(o.programs).toContain('AMAZON_BUSINESS');
		expect(o.orderItems[0].fulfillment.packing.giftOption.giftMessage).toBeTruthy();
		expect(o.proceeds.breakdowns.map((b: any) => b.type)).toContain('GIFT_WRAP');
		expect((await sp(sim, token, '/orders/2026-01-01/orders/111-0000000-0000000')).status).toBe(404);
		const euOrder = sim.orders.create({ account: 'eu' });
		expect((await sp(sim, token, `/orders/2026-01-01/orders/${euOrder.orderId}`)).status).toBe(404);
	});

	test('responses validate against the official model', async () => {
		const model = sim.models!;
		const searchOp = model.operation('GET', '/orders/2026-01-01/orders')!;
		const getOp = model.operation('GET', '/orders/2026-01-01/orders/{orderId}')!;
		for (const key of ['na', 'eu', 'fe'] as const) {
			const t = await getToken(sim, key);
			const r = await search({ lastUpdatedAfter: iso(clock.now() - 5 * 86400_000), includedData: ALL }, t, HOSTS[key]);
			expect(model.validateResponse(searchOp, 200, r.body)).toBeUndefined();
			const g = await sp(sim, t, `/orders/2026-01-01/orders/${r.body.orders[0].orderId}`, { host: HOSTS[key], query: { includedData: ALL } });
			expect(model.validateResponse(getOp, 200, g.body)).toBeUndefined();
		}
		const bad = await search({ lastUpdatedAfter: iso(clock.now() - 3600_000), maxResultsPerPage: 'ten' as any });
		expect(bad.status).toBe(400);
		expect(bad.body.errors[0].message).toMatch(/maxResultsPerPage/);
		expect(model.validateResponse(searchOp, 400, bad.body)).toBeUndefined();
	});
});

