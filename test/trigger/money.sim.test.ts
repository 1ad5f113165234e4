/**
 * The money events end to end, on the simulator, through n8n's real PollContext and its commit
 * rules (both engines): a simulated month of orders shipping, being refunded (in full, in part,
 * deferred), returned, charged back and settled, polled every 10 minutes with Amazon failing a
 * tenth of the time and the trigger torn down and crashed at random points. Every closed
 * settlement must give one Payout with Amazon's deposit, every refund one Order Refunded, every
 * return one Order Returned, and the order events of the same run must not change.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import { forgetInProcessDeliveries } from '../../nodes/AmazonSeller/cluster/deliveryStore';

import type { FaultKind, Simulator, SimReturn } from '../../simulator';
import { Rng } from '../../simulator/data/random';
import { formatMinor } from '../../nodes/AmazonSeller/amazon/money';
import { POLL_REPORT_LOG } from '../../nodes/AmazonSeller/trigger/poll';
import type { MoneyReport } from '../../nodes/AmazonSeller/trigger/money/pollMoney';
import { runNode } from '../support/executeContext';
import { PollHarness, type EngineMode } from '../support/pollHarness';
import { simulatorCredentials } from '../support/simulatorCredentials';
import { countBy, DAY, HOUR, MINUTE, simulatorOnVirtualClock, type SimSetup } from './support';

const ORDER_EVENTS = ['newOrder', 'orderCanceled'];
const MONEY_EVENTS = ['payout', 'orderRefunded', 'orderReturned'];
const EVERY_10_MINUTES = { item: [{ mode: 'everyX', value: 10, unit: 'minutes' }] };
/** After the run, faults off, long enough for the last hourly reads and a 4-hourly payout check. */
const CLOSING_MS = 5 * HOUR;

interface Scenario {
	engine: EngineMode;
	seed: number;
	orders: number;
	days: number;
	faultRate: number;
}

/** What a correct run must emit, from the simulator's own records. */
function expectedMoney(sim: Simulator, account: 'na' | 'eu', from: number, until: number) {
	const payouts = sim.finance
		.periods({ account, status: 'Closed' })
		.filter((p) => p.end >= from && p.end <= until)
		.map((p) => ({ eventId: `settlement:${p.settlementId}:payout`, period: p }));
	const refunds = sim.finance
		.transactions({ account })
		.filter((t) => (t.kind === 'Refund' || t.kind === 'Chargeback') && t.postedAt >= from && t.postedAt <= until)
		.map((t) => ({ eventId: `${t.orderId}:orderRefunded:${t.adjustmentId}`, transaction: t }));
	const returnId = (r: SimReturn) => (r.fulfillment === 'AFN' ? `fba/${r.orderId}/${r.sku}/${r.licensePlateNumber}` : `${r.rmaId}/${r.sku}`);
	const returns = sim.finance
		.returns({ account })
		.filter((r) => (r.fulfillment === 'AFN' ? r.returnedAt : r.requestedAt) >= from && r.returnedAt <= until)
		.map((r) => ({ eventId: `${r.orderId}:orderReturned:${returnId(r)}`, ret: r }));
	return { payouts, refunds, returns };
}

/** Problems: an expected event emitted other than once, or any event emitted twice. */
function exactlyOnce(items: INodeExecutionData[], expected: Array<{ eventId: string }>, what: string): string[] {
	const counts = countBy(items, (i) => String(i.json.eventId));
	const problems = expected.filter((e) => counts.get(e.eventId) !== 1).map((e) => `${what} ${e.eventId} emitted ${counts.get(e.eventId) ?? 0} times`);
	for (const [id, n] of counts) if (n > 1) problems.push(`${id} emitted ${n} times`);
	return problems;
}

function moneyReports(harness: PollHarness): MoneyReport[] {
	return harness.logs.filter((l) => l.message === POLL_REPORT_LOG && l.meta?.money).map((l) => l.meta!.money as MoneyReport);
}

/** Extra refunds on shipped orders: partial ones (twice on one order) and deferred ones. */
function refundSome(sim: Simulator, orderIds: string[], rng: Rng, now: number, log: { partial: number; deferred: number }): void {
	const shipped = orderIds.filter((id) => sim.orders.record(id)?.status === 'SHIPPED');
	if (!shipped.length) return;
	const order = sim.orders.record(shipped[rng.int(0, shipped.length - 1)])!;
	try {
		if (rng.chance(0.5)) {
			const item = order.items[0];
			sim.finance.refund(order.orderId, { items: [{ orderItemId: item.orderItemId, share: 0.3 }], reason: 'GeneralAdjustment' });
			sim.finance.refund(order.orderId, { items: [{ orderItemId: item.orderItemId, share: 0.2 }], reason: 'GeneralAdjustment' });
			log.partial += 2;
		} else {
			sim.finance.refund(order.orderId, { deferral: { reason: 'DD7', maturity: now + rng.int(1, 9) * DAY } });
			log.deferred++;
		}
	} catch {
		// Nothing shipped left to refund on that order.
	}
}

async function run(setup: SimSetup, scenario: Scenario) {
	const { sim, clock } = setup;
	const rng = new Rng(scenario.seed);
	const harness = new PollHarness({
		credentials: simulatorCredentials(sim, 'na'),
		parameters: { events: [...ORDER_EVENTS, ...MONEY_EVENTS] },
		engine: scenario.engine,
		pollTimes: EVERY_10_MINUTES,
	});
	await harness.activate();
	const startedAt = clock.now();
	const life = sim.orders.lifecycle({ count: scenario.orders, over: scenario.days * DAY * 0.6, account: 'na' });
	const kinds: FaultKind[] = ['429', '500'];
	for (const kind of kinds) sim.faults.add({ kind, probability: scenario.faultRate / kinds.length });

	const extras = { partial: 0, deferred: 0 };
	let crashes = 0;
	let rebuilds = 0;
	const end = startedAt + scenario.days * DAY;
	while (clock.now() < end) {
		await clock.sleep(10 * MINUTE);
		if (rng.chance(0.02)) refundSome(sim, life.orderIds, rng, clock.now(), extras);
		const dice = rng.next();
		if (dice < 0.01) {
			crashes++;
			await harness.pollThenCrash();
			continue;
		}
		if (dice < 0.03) {
			rebuilds++;
			harness.rebuild();
		}
		await harness.poll();
	}
	sim.faults.clear();
	const closingEnd = clock.now() + CLOSING_MS;
	while (clock.now() < closingEnd) {
		await clock.sleep(10 * MINUTE);
		await harness.poll();
	}
	return { harness, life, startedAt, end, extras, crashes, rebuilds };
}

describe.each<[EngineMode, Scenario]>([
	['legacy', { engine: 'legacy', seed: 61, orders: 700, days: 30, faultRate: 0.1 }],
	['durable', { engine: 'durable', seed: 62, orders: 500, days: 30, faultRate: 0.1 }],
])('money events, a simulated month (%s n8n engine)', (_engine, scenario) => {
	let setup: SimSetup;
	beforeAll(async () => {
		setup = await simulatorOnVirtualClock(scenario.seed);
	});
	afterAll(async () => await setup.close());

	it('every closed settlement gives one Payout with its deposit, every refund one Order Refunded, every return one Order Returned; order events unchanged', async () => {
		const started = Date.now();
		const { sim } = setup;
		const { harness, life, startedAt, end, extras, crashes, rebuilds } = await run(setup, scenario);
		const items = harness.items;
		const money = items.filter((i) => MONEY_EVENTS.includes(String(i.json.event)));
		const expected = expectedMoney(sim, 'na', startedAt, end);

		const problems = [
			...exactlyOnce(eventsNamed(money, 'payout'), expected.payouts, 'Payout'),
			...exactlyOnce(eventsNamed(money, 'orderRefunded'), expected.refunds, 'Order Refunded'),
			...exactlyOnce(eventsNamed(money, 'orderReturned'), expected.returns, 'Order Returned'),
		];
		// The deposit is Amazon's to the cent (USD, CAD, MXN: two decimals).
		for (const { eventId, period } of expected.payouts) {
			const item = money.find((i) => i.json.eventId === eventId);
			if (item && (item.json.depositAmount !== formatMinor(period.total, 2) || item.json.currency !== period.currency)) {
				problems.push(`${eventId}: deposit ${String(item.json.depositAmount)} ${String(item.json.currency)}, Amazon's ${formatMinor(period.total, 2)} ${period.currency}`);
			}
		}
		// Deferred refunds came out once, when first seen (DEFERRED).
		const deferred = expected.refunds.filter((r) => r.transaction.deferral);
		for (const { eventId } of deferred) {
			const item = money.find((i) => i.json.eventId === eventId);
			if (item && item.json.transactionStatus !== 'DEFERRED') problems.push(`${eventId}: emitted as ${String(item.json.transactionStatus)}`);
		}
		// Order events of the same run: each shipped order one New Order, each cancelled one Order Canceled.
		const orderItems = items.filter((i) => ORDER_EVENTS.includes(String(i.json.event)));
		const byOrderEvent = countBy(orderItems, (i) => `${String(i.json.orderId)}|${String(i.json.event)}`);
		for (const id of life.orderIds) {
			const order = sim.orders.record(id)!;
			if (order.status === 'SHIPPED' && byOrderEvent.get(`${id}|newOrder`) !== 1) problems.push(`order ${id}: New Order ${byOrderEvent.get(`${id}|newOrder`) ?? 0} times`);
			if (order.status === 'CANCELLED' && byOrderEvent.get(`${id}|orderCanceled`) !== 1) problems.push(`order ${id}: Order Canceled ${byOrderEvent.get(`${id}|orderCanceled`) ?? 0} times`);
		}

		const reports = moneyReports(harness);
		const refundCalls = reports.reduce((s, r) => s + (r.refunds?.calls ?? 0), 0);
		const payoutCalls = reports.reduce((s, r) => s + (r.payouts?.calls ?? 0), 0);
		const returnCalls = reports.reduce((s, r) => s + (r.returns?.calls ?? 0), 0);
		const byOperation = countBy(sim.calls, (c) => c.operation);
		const refundsEmitted = eventsNamed(money, 'orderRefunded').length;
		const payoutsEmitted = eventsNamed(money, 'payout').length;
		const returnsEmitted = eventsNamed(money, 'orderReturned').length;
		console.log(
			[
				`money events, ${scenario.engine} engine: ${life.orderIds.length} orders over ${scenario.days} days, polls every 10 min, ${crashes} crashes, ${rebuilds} rebuilds, ${sim.calls.filter((c) => c.fault).length} injected faults`,
				`  Payout ${payoutsEmitted} (closed settlements ${expected.payouts.length}); Order Refunded ${refundsEmitted} (refunds and chargebacks ${expected.refunds.length}, of them ${deferred.length} deferred; extra partial ${extras.partial}); Order Returned ${returnsEmitted} (returns ${expected.returns.length})`,
				`  calls per refund event ${(refundCalls / Math.max(1, refundsEmitted)).toFixed(2)} (listTransactions ${byOperation.get('listTransactions') ?? 0}); calls per payout ${(payoutCalls / Math.max(1, payoutsEmitted)).toFixed(1)} (getReports ${byOperation.get('getReports') ?? 0}); returns reports ${returnCalls} calls, ${(returnCalls / Math.max(1, returnsEmitted)).toFixed(1)} per return`,
				`  money position ${JSON.stringify(harness.storedNodeData().amazonMoney ?? {}).length} bytes; errors recorded by n8n ${harness.errors.length}; ${((Date.now() - started) / 1000).toFixed(1)} s real time`,
			].join('\n'),
		);
		expect(problems.slice(0, 20)).toEqual([]);
		// Every request conformed to Amazon's models and documented rules (the simulator answers 400 otherwise).
		expect(sim.validationErrors).toEqual([]);
		expect(sim.calls.filter((c) => c.operation === 'createReport' && String((c.body as { reportType?: string }).reportType).includes('SETTLEMENT'))).toEqual([]);
		expect(expected.payouts.length).toBeGreaterThanOrEqual(6);
		expect(expected.refunds.length).toBeGreaterThan(40);
		expect(deferred.length).toBeGreaterThan(0);
		expect(expected.returns.filter((r) => r.ret.fulfillment === 'AFN').length).toBeGreaterThan(0);
		expect(expected.returns.filter((r) => r.ret.fulfillment === 'MFN').length).toBeGreaterThan(0);
		expect(crashes + rebuilds).toBeGreaterThan(20);
		// Bounded memory: the money position holds the overlap's refunds and two weeks of returns, not the month.
		expect(JSON.stringify(harness.storedNodeData().amazonMoney).length).toBeLessThan(20_000);
	}, 600_000);
});

function eventsNamed(items: INodeExecutionData[], event: string): INodeExecutionData[] {
	return items.filter((i) => i.json.event === event);
}

describe('the order stream is unaffected by the money events', () => {
	/** Orders only, or orders and money: the same simulated days, the same seed. */
	async function twin(events: string[]) {
		const setup = await simulatorOnVirtualClock(71);
		try {
			const { sim, clock } = setup;
			const harness = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events } });
			await harness.activate();
			sim.orders.lifecycle({ count: 400, over: 2 * DAY, account: 'na' });
			const emittedAt = new Map<string, number>();
			const end = clock.now() + 3 * DAY;
			while (clock.now() < end) {
				await clock.sleep(MINUTE);
				const { items } = await harness.poll();
				for (const item of items ?? []) if (ORDER_EVENTS.includes(String(item.json.event))) emittedAt.set(String(item.json.eventId), clock.now());
			}
			const search = sim.calls.filter((c) => c.operation === 'searchOrders');
			return { emittedAt, searchCalls: search.length, searchAt: search.map((c) => c.at), money: harness.items.length - emittedAt.size, throttled: sim.calls.filter((c) => c.status === 429).length };
		} finally {
			await setup.close();
		}
	}

	it('the same order events at the same moments, and the same searchOrders calls, with or without Payout, Order Refunded and Order Returned', async () => {
		const ordersOnly = await twin(ORDER_EVENTS);
		const withMoney = await twin([...ORDER_EVENTS, ...MONEY_EVENTS]);
		expect(withMoney.money).toBeGreaterThan(0);
		expect(withMoney.emittedAt.size).toBeGreaterThan(300);
		expect([...withMoney.emittedAt.entries()].sort()).toEqual([...ordersOnly.emittedAt.entries()].sort());
		expect(withMoney.searchAt).toEqual(ordersOnly.searchAt);
		expect(withMoney.throttled).toBe(0);
	}, 300_000);

	it('with only money events selected, no searchOrders call is made', async () => {
		const setup = await simulatorOnVirtualClock(72);
		try {
			const { sim, clock } = setup;
			const harness = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events: MONEY_EVENTS }, pollTimes: EVERY_10_MINUTES });
			await harness.activate();
			sim.orders.lifecycle({ count: 200, over: 2 * DAY, account: 'na' });
			const end = clock.now() + 20 * DAY;
			while (clock.now() < end) {
				await clock.sleep(10 * MINUTE);
				await harness.poll();
			}
			expect(harness.items.filter((i) => i.json.event === 'orderRefunded').length).toBeGreaterThan(5);
			expect(sim.calls.filter((c) => c.operation === 'searchOrders')).toEqual([]);
			expect(harness.errors).toEqual([]);
		} finally {
			await setup.close();
		}
	}, 300_000);
});

describe('money events in Europe, Amazon-fulfilled only', () => {
	let setup: SimSetup;
	beforeAll(async () => {
		setup = await simulatorOnVirtualClock(73);
	});
	afterAll(async () => await setup.close());

	it('payouts in EUR (decimal commas, gzip) and GBP equal Amazon deposits; only FBA refunds and the FBA returns report', async () => {
		const { sim, clock } = setup;
		const harness = new PollHarness({
			credentials: simulatorCredentials(sim, 'eu'),
			parameters: { events: MONEY_EVENTS, options: { fulfilledBy: 'amazon' } },
			pollTimes: { item: [{ mode: 'everyX', value: 30, unit: 'minutes' }] },
		});
		await harness.activate();
		const startedAt = clock.now();
		sim.orders.lifecycle({ count: 400, over: 10 * DAY, account: 'eu' });
		const end = startedAt + 30 * DAY;
		while (clock.now() < end) {
			await clock.sleep(30 * MINUTE);
			await harness.poll();
		}
		for (let i = 0; i < 10; i++) {
			await clock.sleep(30 * MINUTE);
			await harness.poll();
		}
		const expected = expectedMoney(sim, 'eu', startedAt, end);
		const items = harness.items;
		const fbaRefunds = expected.refunds.filter((r) => r.transaction.fulfillment === 'AFN');
		const fbaReturns = expected.returns.filter((r) => r.ret.fulfillment === 'AFN');
		expect(exactlyOnce(eventsNamed(items, 'payout'), expected.payouts, 'Payout')).toEqual([]);
		expect(exactlyOnce(eventsNamed(items, 'orderRefunded'), fbaRefunds, 'Order Refunded')).toEqual([]);
		expect(exactlyOnce(eventsNamed(items, 'orderReturned'), fbaReturns, 'Order Returned')).toEqual([]);
		expect(eventsNamed(items, 'orderRefunded').length).toBe(fbaRefunds.length);
		expect(eventsNamed(items, 'orderReturned').length).toBe(fbaReturns.length);
		expect(new Set(expected.payouts.map((p) => p.period.currency))).toEqual(new Set(['EUR', 'GBP']));
		for (const { eventId, period } of expected.payouts) {
			const item = items.find((i) => i.json.eventId === eventId)!;
			expect([item.json.depositAmount, item.json.currency, item.json.reconciled]).toEqual([formatMinor(period.total, 2), period.currency, true]);
			expect(item.json.fundTransferStatus).toMatch(/Processing|Succeeded/);
		}
		const returnsReports = sim.calls.filter((c) => c.operation === 'createReport').map((c) => (c.body as { reportType: string }).reportType);
		expect(new Set(returnsReports)).toEqual(new Set(['GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA']));
		expect(harness.errors).toEqual([]);
		expect(sim.validationErrors).toEqual([]);

		// The items go straight into Finance → Map Payout to Journal Entry and Map Refund to Credit Note (whole item).
		const payout = eventsNamed(items, 'payout')[0];
		const [entries] = await runNode(new AmazonSeller(), {
			parameters: { resource: 'finance', operation: 'mapPayout', settlementSource: 'item', preset: 'generic', depositAccount: '102100', accounts: {}, accountsJson: '{"*": "400000"}', groupBy: ['transactionType', 'amountType'], onImbalance: 'error', options: {} },
			items: [payout],
		});
		expect(entries[0].json).toMatchObject({ settlementId: payout.json.settlementId });
		const refund = eventsNamed(items, 'orderRefunded')[0];
		const [notes] = await runNode(new AmazonSeller(), { parameters: { resource: 'finance', operation: 'mapRefund', refundSource: 'item', preset: 'generic', options: {} }, items: [refund] });
		expect(notes[0].json).toMatchObject({ orderId: refund.json.orderId, adjustmentId: refund.json.refundId });

		// Fetch Test Event: recent ones of each money event, and the position untouched.
		const stored = JSON.stringify(harness.storedNodeData());
		const test = (await harness.manual()) ?? [];
		expect(new Set(test.map((i) => i.json.event))).toEqual(new Set(MONEY_EVENTS));
		expect(test.find((i) => i.json.event === 'payout')?.json.eventId).toBe(expected.payouts[expected.payouts.length - 1].eventId);
		expect(JSON.stringify(harness.storedNodeData())).toBe(stored);
	}, 300_000);
});

describe('a refund backlog read in short polls, with throttling and crashes', () => {
	let setup: SimSetup;
	// Every request takes 2 s and n8n gives a poll 10 s, so a poll makes two or three calls at most.
	beforeAll(async () => {
		setup = await simulatorOnVirtualClock(74, undefined, 'live', 2_000);
	});
	afterAll(async () => await setup.close());

	it('pages ranges that hold more than a page, shortens ranges cut short, and emits every refund since the Start Date once', async () => {
		const { sim, clock } = setup;
		const startDate = clock.now() - 25 * DAY;
		sim.orders.generate({ count: 2_000, account: 'na', createdAt: [startDate + HOUR, clock.now() - 18 * DAY], statuses: ['SHIPPED'] });
		const harness = new PollHarness({
			credentials: simulatorCredentials(sim, 'na'),
			parameters: { events: ['orderRefunded'], options: { startDate: new Date(startDate).toISOString() } },
			pollBudgetMs: 10_000,
		});
		await harness.activate();
		sim.faults.add({ operation: 'listTransactions', kind: '429', probability: 0.2 });
		const rng = new Rng(74);
		const stops = new Set<string>();
		for (let i = 0; i < 12 * 60; i++) {
			await clock.sleep(MINUTE);
			if (rng.chance(0.02)) {
				await harness.pollThenCrash();
				continue;
			}
			await harness.poll();
			const refunds = (harness.lastPollReport as unknown as { money?: MoneyReport } | undefined)?.money?.refunds;
			if (refunds) stops.add(refunds.stop);
		}
		sim.faults.clear();
		const expected = expectedMoney(sim, 'na', startDate, clock.now() - HOUR).refunds;
		const paged = sim.calls.filter((c) => c.operation === 'listTransactions' && c.query.nextToken);
		expect(expected.length).toBeGreaterThan(100);
		expect(exactlyOnce(harness.items, expected, 'Order Refunded')).toEqual([]);
		expect(paged.length).toBeGreaterThan(0);
		expect([...stops]).toEqual(expect.arrayContaining(['caughtUp', 'pollTime']));
		expect(harness.errors).toEqual([]);
	}, 300_000);
});

describe('money events with Confirm Delivery: executions that die', () => {
	let setup: SimSetup;
	beforeAll(async () => {
		setup = await simulatorOnVirtualClock(75);
	});
	afterAll(async () => await setup.close());

	const WORKFLOW_ID = 'wf-amazon-money';
	const TRIGGER = 'Amazon Seller Trigger';

	/** The workflow's last node: confirms the events of the items that reached it (the real operation). */
	async function confirm(items: INodeExecutionData[]): Promise<void> {
		await runNode(new AmazonSeller(), {
			parameters: { resource: 'event', operation: 'confirmDelivery', eventSource: 'paired' },
			items: items.map((item) => ({ json: { written: item.json.eventId } })),
			workflowId: WORKFLOW_ID,
			upstream: { triggerName: TRIGGER, triggerItems: items.map((item) => item.json), pairing: (i) => i },
		});
	}

	it('every payout, refund and return reaches the ERP although a quarter of the executions die; a lost copy is given up with a warning', async () => {
		const { sim, clock } = setup;
		const rng = new Rng(75);
		const harness = new PollHarness({
			credentials: simulatorCredentials(sim, 'na'),
			parameters: { events: MONEY_EVENTS, options: { redeliverAfterMinutes: 30 } },
			workflowId: WORKFLOW_ID,
			nodeName: TRIGGER,
			confirmDeliveries: true,
			engine: 'durable',
			pollTimes: EVERY_10_MINUTES,
		});
		await harness.activate();
		const startedAt = clock.now();
		sim.orders.lifecycle({ count: 300, over: 8 * DAY, account: 'na' });
		const erp = new Map<string, number>();
		let killed = 0;
		const end = startedAt + 20 * DAY;
		while (clock.now() < end) {
			await clock.sleep(10 * MINUTE);
			const { items } = await harness.poll();
			if (!items?.length) continue;
			if (rng.next() < 0.25) {
				killed++;
				continue;
			}
			for (const item of items) erp.set(String(item.json.eventId), (erp.get(String(item.json.eventId)) ?? 0) + 1);
			await confirm(items);
		}
		// What Amazon had by 5 hours before the end: payouts are checked every 4 hours, refunds and returns every hour.
		const expected = expectedMoney(sim, 'na', startedAt, end - 5 * HOUR);
		const all = [...expected.payouts, ...expected.refunds, ...expected.returns].map((e) => e.eventId);
		expect(killed).toBeGreaterThan(5);
		expect(all.filter((id) => !erp.has(id))).toEqual([]);
		expect(all.length).toBeGreaterThan(30);
		const redelivered = harness.items.filter((i) => i.json.redelivery);
		expect(redelivered.length).toBeGreaterThan(0);

		// An unconfirmed money event whose copy is gone (a restart of one process) cannot be read again: given up, said so.
		sim.finance.refund(sim.orders.all().find((o) => o.status === 'SHIPPED' && sim.finance.transactions({ orderId: o.orderId, kind: 'Refund' }).length === 0)!.orderId);
		let first: INodeExecutionData[] = [];
		for (let i = 0; i < 12 && !first.length; i++) {
			await clock.sleep(10 * MINUTE);
			first = ((await harness.poll()).items ?? []).filter((item) => item.json.event === 'orderRefunded');
		}
		expect(first).toHaveLength(1);
		forgetInProcessDeliveries();
		harness.rebuild();
		for (let i = 0; i < 12; i++) {
			await clock.sleep(10 * MINUTE);
			const again = ((await harness.poll()).items ?? []).filter((item) => item.json.eventId === first[0].json.eventId);
			expect(again).toEqual([]);
		}
		expect(harness.logs.some((l) => l.level === 'warn' && l.message.includes('cannot be delivered again') && l.message.includes(String(first[0].json.eventId)))).toBe(true);
		expect(Object.keys(((harness.storedNodeData().amazonOrders as IDataObject | undefined)?.pending ?? {}) as object)).not.toContain(first[0].json.eventId);
	}, 300_000);
});
