import { VirtualClock } from '../simulator/virtualClock';
import { startSimulator, type Simulator } from '../simulator';
import { getToken, iso, sp } from './simulator.helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('simulator: order lifecycle over virtual time, data realism, running without models', () => {
	let clock: VirtualClock;
	let sim: Simulator;

	beforeEach(async () => {
		clock = new VirtualClock();
		sim = await startSimulator({ clock, seedOrders: 0 });
	});
	afterEach(async () => {
		await sim.close();
	});

	test('lifecycle: orders appear, get paid, ship or get cancelled at their virtual times', async () => {
		const start = clock.now();
		const handle = sim.orders.lifecycle({ count: 300, over: 2 * HOUR, cancelRate: 0.1 });
		expect(sim.orders.all()).toHaveLength(0);
		clock.advance(HOUR);
		const midway = sim.orders.all().length;
		expect(midway).toBeGreaterThan(50);
		expect(midway).toBeLessThan(300);
		clock.advance(handle.until - clock.now() + 1);
		const all = sim.orders.all();
		expect(all).toHaveLength(300);
		expect(handle.orderIds).toHaveLength(300);
		const byStatus: Record<string, number> = {};
		for (const o of all) {
			byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
			expect(o.createdTime).toBeGreaterThanOrEqual(start);
			expect(o.createdTime).toBeLessThanOrEqual(start + 2 * HOUR);
			expect(o.lastUpdatedTime).toBeGreaterThanOrEqual(o.createdTime);
			expect(o.lastUpdatedTime).toBeLessThanOrEqual(clock.now());
		}
		expect(byStatus.SHIPPED).toBeGreaterThan(150);
		expect(byStatus.CANCELLED).toBeGreaterThan(5);
		expect(byStatus.PENDING ?? 0).toBe(0);
	});

	test('a poller following lastUpdatedTime sees each status change', async () => {
		const token = await getToken(sim, 'na');
		const order = sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', createdAt: clock.now() });
		let cursor = clock.now() - 10 * MIN;
		const seen: string[] = [];
		const poll = async () => {
			const r = await sp(sim, token, '/orders/2026-01-01/orders', { query: { lastUpdatedAfter: iso(cursor), includedData: ['FULFILLMENT'] } });
			expect(r.status).toBe(200);
			for (const o of r.body.orders) if (o.orderId === order.orderId) seen.push(o.fulfillment.fulfillmentStatus);
			cursor = Date.parse(r.body.lastUpdatedBefore);
		};
		clock.advance(3 * MIN);
		await poll();
		sim.orders.transition(order.orderId, 'UNSHIPPED');
		clock.advance(3 * MIN);
		await poll();
		sim.orders.transition(order.orderId, 'SHIPPED');
		clock.advance(3 * MIN);
		await poll();
		expect(seen).toEqual(['PENDING', 'UNSHIPPED', 'SHIPPED']);
	});

	test('seeded data covers the cases a connector must handle', async () => {
		const s = await startSimulator({ clock: new VirtualClock() });
		try {
			const views = s.orders.all().map((o) => ({ o, v: s.orders.get(o.orderId) as any }));
			const naFba = views.filter(({ o }) => o.account === 'na' && o.fulfilledBy === 'AMAZON' && o.status !== 'PENDING');
			expect(naFba.length).toBeGreaterThan(0);
			expect(naFba.every(({ v }) => v.buyer?.buyerName === undefined)).toBe(true);
			expect(views.some(({ v }) => v.associatedOrders?.[0]?.associationType === 'REPLACEMENT_ORIGINAL_ID' && v.proceeds.grandTotal.amount === '0.00')).toBe(true);
			expect(views.some(({ v }) => v.orderItems.some((i: any) => i.fulfillment.packing?.giftOption?.giftMessage))).toBe(true);
			expect(views.some(({ v }) => v.tax?.taxRegistrations?.[0]?.taxRegistrationType === 'VAT')).toBe(true);
			expect(views.some(({ v }) => v.proceeds.breakdowns.some((b: any) => b.type === 'DISCOUNT'))).toBe(true);
			expect(views.some(({ v }) => v.orderItems.length > 1)).toBe(true);
			expect(views.some(({ v }) => v.salesChannel.marketplaceId === 'A1VC38T7YXB528' && v.proceeds.grandTotal.currencyCode === 'JPY')).toBe(true);
			// Same seed, same world.
			const again = await startSimulator({ clock: new VirtualClock() });
			try {
				expect(again.orders.all().map((o) => o.orderId)).toEqual(s.orders.all().map((o) => o.orderId));
				expect(again.accounts).toEqual(s.accounts);
			} finally {
				await again.close();
			}
		} finally {
			await s.close();
		}
	});

	test('without the models folder the built-in rules still apply', async () => {
		const bare = await startSimulator({ clock, modelsDir: '/nonexistent/sp-api-models' });
		try {
			expect(bare.models).toBeUndefined();
			const token = await getToken(bare, 'na');
			expect((await sp(bare, token, '/orders/2026-01-01/orders', { query: { lastUpdatedAfter: iso(clock.now() - HOUR) } })).status).toBe(200);
			expect((await sp(bare, token, '/orders/2026-01-01/orders', { query: { lastUpdatedAfter: iso(clock.now() - HOUR), maxResultsPerPage: 0 } })).status).toBe(400);
			const order = bare.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', createdAt: clock.now() - HOUR });
			const bad = await sp(bare, token, `/orders/v0/orders/${order.orderId}/shipmentConfirmation`, {
				method: 'POST',
				body: { marketplaceId: 'ATVPDKIKX0DER', packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z', shipDate: '02/21/2022', orderItems: [{ orderItemId: order.items[0].orderItemId, quantity: 1 }] } },
			});
			expect(bad.status).toBe(400);
			expect(bare.usagePlans.searchOrders).toEqual({ rate: 0.0056, burst: 20 });
		} finally {
			await bare.close();
		}
	});
});
