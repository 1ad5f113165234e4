/**
 * The safety net for executions that die (a queue-mode worker killed, an execution that fails):
 * with a Confirm Delivery node in the workflow, the trigger keeps every event until the workflow
 * confirms it and delivers again, with the same eventId, what was not confirmed in time. Here the
 * "workflow" is the test: it writes each delivered event to an ERP (idempotent by eventId) and
 * confirms it through the real Confirm Delivery operation, except for the executions it kills.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import { forgetInProcessDeliveries } from '../../nodes/AmazonSeller/cluster/deliveryStore';
import { Rng } from '../../simulator/data/random';
import { runNode } from '../support/executeContext';
import { PollHarness } from '../support/pollHarness';
import { simulatorCredentials } from '../support/simulatorCredentials';
import { MINUTE, simulatorOnVirtualClock, type SimSetup } from './support';

const WORKFLOW_ID = 'wf-amazon-orders';
const TRIGGER = 'Amazon Seller Trigger';
const REDELIVER_AFTER_MIN = 10;

let setup: SimSetup;
beforeAll(async () => {
	setup = await simulatorOnVirtualClock(73);
});
afterAll(async () => await setup.close());

/** The workflow's last node: confirms the events of the items that reached it. */
async function confirm(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const [out] = await runNode(new AmazonSeller(), {
		parameters: { resource: 'event', operation: 'confirmDelivery', eventSource: 'paired' },
		items: items.map((item) => ({ json: { written: item.json.eventId } })),
		workflowId: WORKFLOW_ID,
		upstream: { triggerName: TRIGGER, triggerItems: items.map((item) => item.json), pairing: (i) => i },
	});
	return out;
}

describe('no event lost when executions die: kept until confirmed, delivered again', () => {
	it('every order reaches the ERP exactly once although a quarter of the executions die', async () => {
		const { sim, clock } = setup;
		const rng = new Rng(5);
		const trigger = new PollHarness({
			credentials: simulatorCredentials(sim, 'na'),
			parameters: { events: ['newOrder', 'orderCanceled'], options: { redeliverAfterMinutes: REDELIVER_AFTER_MIN } },
			workflowId: WORKFLOW_ID,
			nodeName: TRIGGER,
			confirmDeliveries: true,
			engine: 'durable',
		});
		await trigger.activate();
		const life = sim.orders.lifecycle({ count: 300, over: 6 * 60 * MINUTE, account: 'na', cancelRate: 0.1 });

		const erp = new Map<string, number>(); // eventId → writes
		const deliveredAt = new Map<string, number[]>();
		const lostAt = new Map<string, number>(); // eventId → when its execution died (first time)
		let killed = 0;
		let executions = 0;
		const end = life.until + 90 * MINUTE;
		while (clock.now() < end) {
			await clock.sleep(MINUTE);
			const { items } = await trigger.poll();
			if (!items?.length) continue;
			executions++;
			for (const item of items) deliveredAt.set(item.json.eventId as string, [...(deliveredAt.get(item.json.eventId as string) ?? []), clock.now()]);
			if (rng.next() < 0.25) {
				// The worker dies mid-execution: nothing is written or confirmed, and n8n never re-runs it.
				killed++;
				for (const item of items) if (!lostAt.has(item.json.eventId as string)) lostAt.set(item.json.eventId as string, clock.now());
				continue;
			}
			for (const item of items) erp.set(item.json.eventId as string, (erp.get(item.json.eventId as string) ?? 0) + 1);
			const confirmed = await confirm(items);
			expect(confirmed.map((o) => o.json.confirmed)).toEqual(items.map(() => true));
		}

		// Every ready order and every cancellation reached the ERP (a merchant order canceled after
		// payment was announced if a read saw it unshipped: allowed, not required).
		const expected = new Set<string>();
		const allowed = new Set<string>();
		for (const id of life.orderIds) {
			const order = sim.orders.record(id)!;
			if (order.status === 'CANCELLED') expected.add(`${id}:orderCanceled`);
			if (order.status === 'SHIPPED' || (order.fulfilledBy === 'MERCHANT' && ['UNSHIPPED', 'PARTIALLY_SHIPPED'].includes(order.status))) expected.add(`${id}:newOrder`);
			if (order.status === 'CANCELLED' && order.fulfilledBy === 'MERCHANT') allowed.add(`${id}:newOrder`);
		}
		const missing = [...expected].filter((id) => !erp.has(id));
		expect({ killed, missing }).toEqual({ killed: expect.any(Number), missing: [] });
		expect(killed).toBeGreaterThan(5);
		// Nothing the trigger should not have sent.
		expect([...erp.keys()].filter((id) => !expected.has(id) && !allowed.has(id))).toEqual([]);
		// Redelivery only for what died: events whose first execution completed were written once.
		const lost = new Set(lostAt.keys());
		const writtenTwice = [...erp].filter(([id, writes]) => writes > 1 && !lost.has(id));
		expect(writtenTwice).toEqual([]);
		// And within a bounded time: delivered again within the redelivery wait plus a poll.
		const late = [...lostAt].filter(([id, at]) => {
			const next = (deliveredAt.get(id) ?? []).find((t) => t > at);
			return next === undefined || next - at > (REDELIVER_AFTER_MIN + 2) * MINUTE;
		});
		expect(late).toEqual([]);
		// Nothing left waiting once everything was confirmed.
		expect(Object.keys((trigger.storedNodeData().amazonOrders as IDataObject)?.pending ?? {})).toEqual([]);
		console.log(`delivery: ${expected.size} events, ${executions} executions, ${killed} killed, ${lost.size} events redelivered, ERP rows ${erp.size}`);
	}, 120_000);

	it('after a restart that lost the kept copies, an unconfirmed event is read again from Amazon and delivered with its eventId', async () => {
		const { sim, clock } = setup;
		const trigger = new PollHarness({
			credentials: simulatorCredentials(sim, 'na'),
			parameters: { events: ['newOrder'], options: { redeliverAfterMinutes: REDELIVER_AFTER_MIN } },
			workflowId: 'wf-restart',
			nodeName: TRIGGER,
			confirmDeliveries: true,
			engine: 'durable',
		});
		await trigger.activate();
		const order = sim.orders.create({ account: 'na', fulfilledBy: 'MERCHANT', status: 'UNSHIPPED' });
		let first: INodeExecutionData[] | null = null;
		for (let i = 0; i < 10 && !first; i++) {
			await clock.sleep(MINUTE);
			first = (await trigger.poll()).items;
		}
		expect(first?.map((item) => item.json.eventId)).toEqual([`${order.orderId}:newOrder`]);
		// The execution dies, then n8n (one process) restarts: the in-memory copy is gone.
		forgetInProcessDeliveries();
		trigger.rebuild();
		sim.resetCalls();
		const again: INodeExecutionData[] = [];
		for (let i = 0; i < REDELIVER_AFTER_MIN + 3; i++) {
			await clock.sleep(MINUTE);
			again.push(...((await trigger.poll()).items ?? []));
		}
		expect(again.map((item) => [item.json.eventId, item.json.redelivery, item.json.orderId])).toEqual([[`${order.orderId}:newOrder`, 1, order.orderId]]);
		expect(sim.calls.filter((c) => c.operation === 'getOrder')).toHaveLength(1);
		expect(again[0].json.order).toMatchObject({ orderId: order.orderId });
	});

	it('without a Confirm Delivery node the trigger keeps nothing (no ledger, no redelivery)', async () => {
		const { sim, clock } = setup;
		const trigger = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events: ['newOrder'] }, workflowId: 'wf-plain', engine: 'durable' });
		await trigger.activate();
		sim.orders.lifecycle({ count: 20, over: 30 * MINUTE, account: 'na' });
		for (let i = 0; i < 60; i++) {
			await clock.sleep(MINUTE);
			await trigger.poll();
		}
		expect(trigger.items.length).toBeGreaterThan(0);
		expect((trigger.storedNodeData().amazonOrders as IDataObject).pending).toBeUndefined();
		expect(new Set(trigger.items.map((i) => i.json.eventId)).size).toBe(trigger.items.length);
	});
});
