import { decide, isReady } from '../../nodes/AmazonSeller/trigger/events';
import type { EventContext } from '../../nodes/AmazonSeller/trigger/events';
import type { MemoryCode } from '../../nodes/AmazonSeller/trigger/orderMemory';
import type { OrderObservation, OrderStatus, TriggerEvent } from '../../nodes/AmazonSeller/trigger/types';

const T0 = Date.UTC(2026, 0, 10);
const ALL = new Set<TriggerEvent>(['newOrder', 'orderCanceled', 'orderUpdated']);

function obs(status: OrderStatus | undefined, fulfilledBy: 'AMAZON' | 'MERCHANT', createdMs = T0, updatedMs = T0 + 1000): OrderObservation {
	return { orderId: '111-0000000-0000001', createdMs, updatedMs, status, fulfilledBy, source: 'searchOrders', order: {} };
}

const ctx = (over: Partial<EventContext> = {}): EventContext => ({ startMs: T0 - 3600_000, doneFloorMs: T0 - 86_400_000, openFloorMs: T0 - 86_400_000, selected: ALL, ...over });

/** Feeds an order's successive states through the rules with memory, as the trigger does. */
function lifeOf(fulfilledBy: 'AMAZON' | 'MERCHANT', states: OrderStatus[], context = ctx()): Array<string | undefined> {
	let known: MemoryCode | undefined;
	return states.map((status, i) => {
		const d = decide(obs(status, fulfilledBy, T0, T0 + (i + 1) * 60_000), known, context);
		if (d.remember) known = d.remember;
		return d.event;
	});
}

describe('New Order follows Odoo by default', () => {
	it('FBM: new once paid (unshipped), not again when partially shipped or shipped', () => {
		expect(lifeOf('MERCHANT', ['PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED'])).toEqual(['orderUpdated', 'newOrder', 'orderUpdated', 'orderUpdated']);
	});

	it('FBM first seen shipped (shipped between two reads) is announced then', () => {
		expect(lifeOf('MERCHANT', ['PENDING', 'SHIPPED'])).toEqual(['orderUpdated', 'newOrder']);
	});

	it('FBA: new when shipped, not when paid', () => {
		expect(lifeOf('AMAZON', ['PENDING', 'UNSHIPPED', 'SHIPPED'])).toEqual(['orderUpdated', 'orderUpdated', 'newOrder']);
	});

	it('FBA can be new when paid instead, and is then not announced again when shipped', () => {
		expect(lifeOf('AMAZON', ['PENDING', 'UNSHIPPED', 'SHIPPED'], ctx({ fbaNewWhen: 'paid' }))).toEqual(['orderUpdated', 'newOrder', 'orderUpdated']);
	});

	it('pending orders never fire it', () => {
		for (const status of ['PENDING', 'PENDING_AVAILABILITY'] as const) {
			expect(isReady(status, 'MERCHANT')).toBe(false);
			expect(isReady(status, 'AMAZON', 'paid')).toBe(false);
		}
	});
});

describe('Order Canceled', () => {
	it('fires once per order, FBA or FBM, announced or not', () => {
		expect(lifeOf('AMAZON', ['PENDING', 'CANCELLED', 'CANCELLED'])).toEqual(['orderUpdated', 'orderCanceled', 'orderUpdated']);
		expect(lifeOf('MERCHANT', ['UNSHIPPED', 'CANCELLED'])).toEqual(['newOrder', 'orderCanceled']);
	});

	it('an order first seen cancelled is never announced as new', () => {
		expect(lifeOf('MERCHANT', ['CANCELLED'])).toEqual(['orderCanceled']);
	});
});

describe('Order Updated', () => {
	it('covers every change not reported as a selected one-time event', () => {
		const onlyUpdated = ctx({ selected: new Set<TriggerEvent>(['orderUpdated']) });
		expect(lifeOf('MERCHANT', ['PENDING', 'UNSHIPPED', 'CANCELLED'], onlyUpdated)).toEqual(['orderUpdated', 'orderUpdated', 'orderUpdated']);
	});

	it('is not emitted when not selected', () => {
		const newOnly = ctx({ selected: new Set<TriggerEvent>(['newOrder']) });
		expect(lifeOf('MERCHANT', ['PENDING', 'UNSHIPPED', 'SHIPPED'], newOnly)).toEqual([undefined, 'newOrder', undefined]);
	});

	it('one-time events are tracked even when not selected, so selecting them later does not replay old orders', () => {
		const updatedOnly = ctx({ selected: new Set<TriggerEvent>(['orderUpdated']) });
		const first = decide(obs('UNSHIPPED', 'MERCHANT'), undefined, updatedOnly);
		expect(first).toMatchObject({ event: 'orderUpdated', oneTime: 'newOrder', remember: 'a' });
		expect(decide(obs('PARTIALLY_SHIPPED', 'MERCHANT'), 'a', ctx()).event).toBe('orderUpdated');
	});
});

describe('what the trigger cannot know, it does not decide', () => {
	it('orders placed before the start give only Order Updated', () => {
		const d = decide(obs('SHIPPED', 'AMAZON', T0 - 7200_000), undefined, ctx());
		expect(d).toEqual({ event: 'orderUpdated', remember: undefined });
	});

	it('a finished order memory no longer holds is not announced again', () => {
		const old = obs('SHIPPED', 'AMAZON', T0 - 2 * 86_400_000);
		expect(decide(old, undefined, ctx()).oneTime).toBeUndefined();
		// The same order inside the remembered range would fire: unknown there means never seen.
		expect(decide(obs('SHIPPED', 'AMAZON'), undefined, ctx()).oneTime).toBe('newOrder');
	});

	it('an order remembered as finished fires nothing one-time again', () => {
		expect(decide(obs('CANCELLED', 'MERCHANT'), 't', ctx())).toEqual({ event: 'orderUpdated', remember: undefined });
	});

	it('an order without a status (no FULFILLMENT data) fires only Order Updated', () => {
		expect(decide(obs(undefined, 'MERCHANT'), undefined, ctx())).toEqual({ event: 'orderUpdated', remember: undefined });
	});
});
