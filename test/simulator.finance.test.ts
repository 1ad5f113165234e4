import { VirtualClock } from '../simulator/virtualClock';
import { startSimulator, type AccountKey, type Simulator } from '../simulator';
import { FinanceClient, fileAmount, minor, parseTsv } from './simulator.financeHelpers';
import { HOSTS, iso, rawRequest } from './simulator.helpers';

const DAY = 86_400_000;
const MIN = 60_000;
const US = 'ATVPDKIKX0DER';
const SETTLEMENT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const ACCOUNTS: AccountKey[] = ['na', 'eu', 'fe'];

/** Σ of every amount in v0 FinancialEvents (charges, fees, promotions, withheld tax, service fees). */
function sumEvents(events: Record<string, any[]>): number {
	let total = 0;
	const walk = (node: any, key?: string) => {
		if (Array.isArray(node)) return node.forEach((n) => walk(n));
		if (!node || typeof node !== 'object') return;
		if (key && /^(ChargeAmount|FeeAmount|PromotionAmount)$/.test(key)) {
			total += minor(node.CurrencyAmount);
			return;
		}
		for (const [k, v] of Object.entries(node)) walk(v, k);
	};
	walk(events);
	return total;
}

function countEvents(events: Record<string, any[]>): number {
	return Object.values(events).reduce((s, list) => s + list.length, 0);
}

/** Every breakdown level equals the sum of its children; returns the top-level sum. */
function checkBreakdowns(breakdowns: any[]): number {
	let total = 0;
	for (const b of breakdowns) {
		if (b.breakdowns) expect(minor(b.breakdownAmount.currencyAmount)).toBe(checkBreakdowns(b.breakdowns));
		total += minor(b.breakdownAmount.currencyAmount);
	}
	return total;
}

function related(tx: any, name: string): string | undefined {
	return tx.relatedIdentifiers?.find((r: any) => r.relatedIdentifierName === name)?.relatedIdentifierValue;
}

describe('simulator: money — Finances 2024-06-19, Finances v0 and the settlement report agree', () => {
	let clock: VirtualClock;
	let sim: Simulator;
	let api: FinanceClient;

	beforeEach(async () => {
		clock = new VirtualClock();
		sim = await startSimulator({ clock });
		api = new FinanceClient(sim, clock);
	});
	afterEach(async () => {
		await sim.close();
	});

	const transactionsOf = (account: AccountKey, query: Record<string, string>) =>
		api.all('listTransactions', (b) => ({ items: b.payload.transactions, next: b.payload.nextToken }), 'nextToken', { account, query });
	const groupEvents = (account: AccountKey, eventGroupId: string) =>
		api.all('listFinancialEventsByGroupId', (b) => ({ items: [b.payload.FinancialEvents], next: b.payload.NextToken }), 'NextToken', { account, params: { eventGroupId } });
	const orderEvents = async (account: AccountKey, orderId: string) => {
		const r = await api.call('listFinancialEventsByOrderId', { account, params: { orderId } });
		expect(r.status).toBe(200);
		return r.body.payload.FinancialEvents as Record<string, any[]>;
	};

	test('every closed settlement: v0 group total = Σ its v0 events = Σ its 2024-06-19 transactions = the report total = Σ the report lines', async () => {
		sim.orders.lifecycle({ count: 150, over: 4 * DAY });
		clock.advance(20 * DAY);
		const closed = sim.finance.periods({ status: 'Closed' });
		expect(new Set(closed.map((p) => p.currency))).toEqual(new Set(['USD', 'CAD', 'MXN', 'GBP', 'EUR', 'JPY']));
		expect(sim.finance.summary().refunds).toBeGreaterThan(0);

		for (const account of ACCOUNTS) {
			const groups = (
				await api.all('listFinancialEventGroups', (b) => ({ items: b.payload.FinancialEventGroupList, next: b.payload.NextToken }), 'NextToken', {
					account,
					query: { MaxResultsPerPage: 100 },
				})
			).items;
			const reports = (await api.call('getReports', { account, query: { reportTypes: SETTLEMENT, pageSize: 100 } })).body.reports;
			for (const p of closed.filter((x) => x.account === account)) {
				// v0: the group is the period.
				const g = groups.find((x: any) => x.FinancialEventGroupId === p.financialEventGroupId);
				expect(g).toMatchObject({ ProcessingStatus: 'Closed', FundTransferDate: new Date(p.depositDate!).toISOString(), FinancialEventGroupStart: new Date(p.start).toISOString() });
				expect(g.OriginalTotal.CurrencyCode).toBe(p.currency);
				expect(minor(g.OriginalTotal.CurrencyAmount)).toBe(p.total);
				expect(minor(g.ConvertedTotal.CurrencyAmount)).toBe(p.total);
				const events = (await groupEvents(account, p.financialEventGroupId)).items;
				expect(events.reduce((s, e) => s + sumEvents(e), 0)).toBe(p.total);
				expect(events.reduce((s, e) => s + countEvents(e), 0)).toBe(p.transactionIds.length);

				// 2024-06-19: the same transactions, linked to the group and the settlement id.
				const txs = (await transactionsOf(account, { relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: p.financialEventGroupId })).items;
				expect(txs.map((t: any) => t.transactionId).sort()).toEqual([...p.transactionIds].sort());
				let sum = 0;
				for (const t of txs) {
					expect(related(t, 'SETTLEMENT_ID')).toBe(p.settlementId);
					expect(t.totalAmount.currencyCode).toBe(p.currency);
					const total = minor(t.totalAmount.currencyAmount);
					expect(checkBreakdowns(t.breakdowns)).toBe(total);
					if (t.items) expect(t.items.reduce((s: number, i: any) => s + minor(i.totalAmount.currencyAmount), 0)).toBe(total);
					for (const i of t.items ?? []) expect(checkBreakdowns(i.breakdowns)).toBe(minor(i.totalAmount.currencyAmount));
					sum += total;
				}
				expect(sum).toBe(p.total);

				// The settlement report: found with getReports, its total and lines.
				const report = reports.find((r: any) => r.reportId === p.reportId);
				expect(report).toMatchObject({ reportType: SETTLEMENT, processingStatus: 'DONE', dataStartTime: iso(p.start), dataEndTime: iso(p.end) });
				const file = parseTsv((await api.download(account, report.reportDocumentId)).text);
				const [summary, ...lines] = file.rows;
				expect(summary[0]).toBe(p.settlementId);
				expect(summary[4]).toBe(p.totalAmount);
				expect(summary[5]).toBe(p.currency);
				expect(summary.slice(6).every((c) => c === '')).toBe(true);
				expect(lines.every((l) => l[0] === p.settlementId && l.slice(1, 6).every((c) => c === ''))).toBe(true);
				expect(lines.reduce((s, l) => s + fileAmount(l[14], p.currency), 0)).toBe(p.total);

				// What a journal import must book: the simulator's expectation matches the file.
				const journal = sim.finance.expectedJournal(p.settlementId);
				expect(journal.deposit).toBe(p.total);
				expect(journal.lines.reduce((s, l) => s + l.amount, 0)).toBe(p.total);
				expect(Object.values(journal.byOrder).reduce((s, v) => s + v, journal.nonOrder)).toBe(p.total);
				for (const [orderId, net] of Object.entries(journal.byOrder)) {
					const ofOrder = txs.filter((t: any) => related(t, 'ORDER_ID') === orderId);
					expect(ofOrder.reduce((s: number, t: any) => s + minor(t.totalAmount.currencyAmount), 0)).toBe(net);
				}
			}
		}
		expect(sim.validationErrors).toEqual([]);
	});

	test('deferred (DD7) transactions: DEFERRED in 2024-06-19 and absent from v0 until released, then DEFERRED_RELEASED in the period open at release', async () => {
		const deferred = sim.finance.transactions({ status: 'DEFERRED', kind: 'Shipment' });
		expect(deferred.length).toBeGreaterThan(0);
		const tx = deferred[0];
		const account = tx.account;
		const before = (await transactionsOf(account, { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: tx.orderId! })).items.find((t: any) => t.transactionId === tx.transactionId);
		expect(before.transactionStatus).toBe('DEFERRED');
		expect(before.contexts).toEqual([{ contextType: 'DeferredContext', deferralReason: 'DD7', maturityDate: new Date(tx.deferral!.maturity).toISOString() }]);
		expect(related(before, 'FINANCIAL_EVENT_GROUP_ID')).toBeUndefined();
		const posted = { postedAfter: iso(tx.postedAt - MIN) };
		const onlyDeferred = (await transactionsOf(account, { ...posted, transactionStatus: 'DEFERRED' })).items;
		expect(onlyDeferred.map((t: any) => t.transactionId)).toContain(tx.transactionId);
		expect((await transactionsOf(account, { ...posted, transactionStatus: 'RELEASED' })).items.map((t: any) => t.transactionId)).not.toContain(tx.transactionId);
		expect((await orderEvents(account, tx.orderId!)).ShipmentEventList).toHaveLength(0);

		clock.advance(tx.deferral!.maturity - clock.now() + MIN);
		const [after] = sim.finance.transactions({ orderId: tx.orderId, kind: 'Shipment' });
		const period = sim.finance.periods({ account }).find((p) => p.settlementId === after.settlementId)!;
		expect(period.start).toBeLessThanOrEqual(tx.deferral!.maturity);
		expect(tx.deferral!.maturity).toBeLessThan(period.end);
		const released = (await transactionsOf(account, { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: tx.orderId! })).items.find((t: any) => t.transactionId === tx.transactionId);
		expect(released.transactionStatus).toBe('DEFERRED_RELEASED');
		expect(related(released, 'FINANCIAL_EVENT_GROUP_ID')).toBe(period.financialEventGroupId);
		const events = await orderEvents(account, tx.orderId!);
		expect(events.ShipmentEventList).toHaveLength(1);
		// v0 keeps the original PostedDate: a poller watching PostedDate alone would miss it.
		expect(events.ShipmentEventList[0].PostedDate).toBe(new Date(tx.postedAt).toISOString());
		expect(sumEvents(events)).toBe(tx.total);
	});

	test('refunds (partial, rest, nothing left), chargebacks: REFUND_ID, Refunds breakdowns, RefundEventList/ChargebackEventList, refund commission', async () => {
		const now = clock.now();
		const order = sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'MERCHANT', status: 'SHIPPED', itemCount: 2, createdAt: now - 2 * DAY, lastUpdatedAt: now - DAY });
		const [first, second] = order.items;
		const [sale] = sim.finance.transactions({ orderId: order.orderId, kind: 'Shipment' });
		const principal = (components: Array<{ type: string; list: string; amount: number }>) => components.filter((c) => c.list === 'charge' && c.type === 'Principal').reduce((s, c) => s + c.amount, 0);
		// US: Amazon collects the sales tax (marketplace facilitator) and withholds it.
		const saleFirst = sale.items.find((i) => i.orderItemId === first.orderItemId)!.components;
		const tax = saleFirst.find((c) => c.type === 'Tax')!.amount;
		expect(saleFirst.find((c) => c.type === 'MarketplaceFacilitatorTax-Principal')!.amount).toBe(-tax);

		const partial = sim.finance.refund(order.orderId, { items: [{ orderItemId: first.orderItemId, share: 0.5 }] });
		expect(principal(partial.items[0].components)).toBe(-Math.round(principal(saleFirst) * 0.5));
		expect(partial.items[0].components.map((c) => c.type)).toEqual(expect.arrayContaining(['Commission', 'RefundCommission']));
		expect(partial.items[0].components.some((c) => c.type === 'ShippingCharge')).toBe(false);
		const rest = sim.finance.refund(order.orderId);
		const refunded = [partial, rest].flatMap((t) => t.items.flatMap((i) => i.components));
		expect(principal(refunded)).toBe(-principal(sale.items.flatMap((i) => i.components)));
		expect(rest.items.map((i) => i.orderItemId).sort()).toEqual([first.orderItemId, second.orderItemId].sort());
		expect(() => sim.finance.refund(order.orderId)).toThrow(/nothing shipped left/);
		// Like every finance search, listTransactions sees nothing younger than two minutes.
		clock.advance(3 * MIN);

		const txs = (await transactionsOf('na', { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: order.orderId })).items;
		expect(txs.map((t: any) => t.transactionType)).toEqual(['Shipment', 'Refund', 'Refund']);
		for (const t of txs.slice(1)) {
			expect(related(t, 'REFUND_ID')).toMatch(/^\d{14}$/);
			expect(t.description).toBe('Refund Order');
			expect(t.breakdowns.map((b: any) => b.breakdownType)).toEqual(expect.arrayContaining(['Refunds', 'Tax', 'Expenses']));
			expect(t.items[0].relatedIdentifiers[0].itemRelatedIdentifierName).toBe('ORDER_ADJUSTMENT_ITEM_ID');
			expect(t.transactionStatus).toBe('RELEASED');
		}
		const events = await orderEvents('na', order.orderId);
		expect(events.RefundEventList).toHaveLength(2);
		expect(events.RefundEventList[0].ShipmentItemAdjustmentList[0].OrderAdjustmentItemId).toBe(partial.items[0].adjustmentItemId);
		expect(events.RefundEventList[0].ShipmentItemAdjustmentList[0].ItemFeeAdjustmentList.map((f: any) => f.FeeType)).toEqual(['Commission', 'RefundCommission']);
		expect(sumEvents({ RefundEventList: events.RefundEventList })).toBe(partial.total + rest.total);

		const other = sim.orders.create({ account: 'eu', marketplaceId: 'A1PA6795UKMFR9', fulfilledBy: 'AMAZON', status: 'SHIPPED', createdAt: now - 3 * DAY, lastUpdatedAt: now - 2 * DAY });
		const chargeback = sim.finance.chargeback(other.orderId);
		const euEvents = await orderEvents('eu', other.orderId);
		expect(euEvents.ChargebackEventList).toHaveLength(1);
		expect(sumEvents({ ChargebackEventList: euEvents.ChargebackEventList })).toBe(chargeback.total);
		const journal = sim.finance.expectedJournal(chargeback.settlementId!);
		expect(journal.lines.some((l) => l.transactionType === 'Chargeback Refund')).toBe(true);
		// The FBA fee stays with Amazon.
		expect(chargeback.items[0].components.some((c) => c.type === 'FBAPerUnitFulfillmentFee')).toBe(false);
		expect(sim.validationErrors).toEqual([]);
	});

	test('an order shipped in two parcels posts two sales that add up to the whole; money learnt after its period closed lands in the open one', async () => {
		const now = clock.now();
		const order = sim.orders.create({ account: 'fe', marketplaceId: 'A1VC38T7YXB528', fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', itemCount: 2, createdAt: now - DAY });
		sim.orders.transition(order.orderId, 'PARTIALLY_SHIPPED', now - 20 * MIN);
		sim.orders.transition(order.orderId, 'SHIPPED', now - 10 * MIN);
		const sales = sim.finance.transactions({ orderId: order.orderId, kind: 'Shipment' });
		expect(sales).toHaveLength(2);
		expect(new Set(sales.map((t) => t.shipmentId)).size).toBe(2);
		const principal = sales.flatMap((t) => t.items.flatMap((i) => i.components)).filter((c) => c.type === 'Principal').reduce((s, c) => s + c.amount, 0);
		const tax = sales.flatMap((t) => t.items.flatMap((i) => i.components)).filter((c) => c.type === 'Tax').reduce((s, c) => s + c.amount, 0);
		// JP prices include consumption tax: Principal + Tax is what the buyer paid for the goods, in whole yen.
		expect(principal + tax).toBe(order.items.reduce((s, i) => s + i.unitPrice * i.quantity, 0));
		expect(sales.every((t) => t.items.every((i) => i.components.every((c) => c.amount % 100 === 0)))).toBe(true);

		const closed = sim.finance.closePeriod('na', 'USD');
		const late = sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'AMAZON', status: 'SHIPPED', createdAt: now - 40 * DAY, lastUpdatedAt: now - 39 * DAY });
		const [sale] = sim.finance.transactions({ orderId: late.orderId, kind: 'Shipment' });
		expect(sale.postedAt).toBe(now - 39 * DAY);
		// Even a deferred sale matured long ago: it is released at once, into the period open now.
		expect(sale.status).not.toBe('DEFERRED');
		const open = sim.finance.periods({ account: 'na', currency: 'USD', status: 'Open' })[0];
		expect(sale.settlementId).toBe(open.settlementId);
		expect(open.start).toBe(closed.end);
		expect(sim.finance.periods({ account: 'na', currency: 'USD' }).find((p) => p.settlementId === closed.settlementId)!.transactionIds).not.toContain(sale.transactionId);
	});

	test('listTransactions rules: postedAfter required (unless a related identifier), two-minute rule, order of bounds, 180-day rule, identifiers, statuses', async () => {
		const now = clock.now();
		const call = (query: Record<string, string>) => api.call('listTransactions', { query });
		expect((await call({})).status).toBe(400);
		expect((await call({ postedAfter: iso(now - MIN) })).status).toBe(400);
		expect((await call({ postedAfter: iso(now - DAY), postedBefore: iso(now - MIN) })).status).toBe(400);
		expect((await call({ postedAfter: iso(now - DAY), postedBefore: iso(now - 2 * DAY) })).status).toBe(400);
		expect((await call({ postedAfter: '2026-01-01' })).status).toBe(400);
		expect((await call({ postedAfter: iso(now - DAY), transactionStatus: 'PENDING' })).status).toBe(400);
		expect((await call({ relatedIdentifierName: 'SHIPMENT_ID', relatedIdentifierValue: 'x' })).status).toBe(400);
		expect((await call({ relatedIdentifierName: 'ORDER_ID' })).status).toBe(400);
		expect((await call({ postedAfter: iso(now - DAY), marketplaceId: 'A1PA6795UKMFR9' })).status).toBe(400);
		const wide = await call({ postedAfter: iso(now - 200 * DAY), postedBefore: iso(now - 10 * MIN) });
		expect(wide.status).toBe(200);
		expect(wide.body.payload.transactions).toEqual([]);
		const [anyOrder] = sim.finance.transactions({ account: 'na', kind: 'Shipment' });
		const byOrder = await call({ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: anyOrder.orderId! });
		expect(byOrder.status).toBe(200);
		expect(byOrder.body.payload.transactions.length).toBeGreaterThan(0);
		expect(sim.validationErrors.length).toBe(9);
		expect(sim.validationErrors.every((e) => e.operation === 'listTransactions')).toBe(true);
	});

	test('listTransactions paging: 100 a page, 14-day windows (empty pages with a nextToken), tokens bound to the query and expiring, the US MFN quirk', async () => {
		const now = clock.now();
		for (let i = 0; i < 230; i++) {
			const at = now - 10 * DAY + i * 30 * MIN;
			sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: i % 2 ? 'AMAZON' : 'MERCHANT', status: 'SHIPPED', createdAt: at, lastUpdatedAt: at + 5 * MIN });
		}
		const after = now - 12 * DAY;
		const expected = sim.finance.transactions({ account: 'na' }).filter((t) => t.postedAt >= after && t.postedAt < now - 2 * MIN);
		const first = await api.call('listTransactions', { query: { postedAfter: iso(after) } });
		expect(first.body.payload.transactions).toHaveLength(100);
		const token = first.body.payload.nextToken;
		expect(typeof token).toBe('string');
		const changed = await api.call('listTransactions', { query: { postedAfter: iso(after + 1000), nextToken: token } });
		expect(changed.status).toBe(400);
		expect(changed.body.errors[0].message).toMatch(/repeat the arguments/);
		const all = await transactionsOf('na', { postedAfter: iso(after) });
		expect(all.items.map((t: any) => t.transactionId).sort()).toEqual(expected.map((t) => t.transactionId).sort());
		expect(all.pages).toBeGreaterThanOrEqual(3);

		const far = await api.call('listTransactions', { query: { postedAfter: iso(now - 70 * DAY) } });
		expect(far.body.payload.transactions).toEqual([]);
		expect(far.body.payload.nextToken).toBeTruthy();
		const farAll = await transactionsOf('na', { postedAfter: iso(now - 70 * DAY) });
		expect(farAll.items.length).toBe(sim.finance.transactions({ account: 'na' }).filter((t) => t.postedAt >= now - 70 * DAY && t.postedAt < now - 2 * MIN).length);

		clock.advance(61 * MIN);
		const expired = await api.call('listTransactions', { query: { postedAfter: iso(after), nextToken: token } });
		expect(expired.status).toBe(400);
		expect(expired.body.errors[0].message).toMatch(/expired/);

		// As documented: asking for the US marketplace leaves out merchant-fulfilled US orders.
		const us = await transactionsOf('na', { postedAfter: iso(after), marketplaceId: US });
		expect(us.items.length).toBeGreaterThan(0);
		expect(us.items.every((t: any) => t.items?.[0]?.contexts?.[0]?.fulfillmentNetwork !== 'MFN')).toBe(true);
	});

	test('v0 rules and paging: groups newest first, open group without end or transfer, StartedBefore/After rules, PostedAfter required, NextToken bound to the query', async () => {
		clock.advance(15 * DAY);
		const now = clock.now();
		const page = await api.call('listFinancialEventGroups', { query: { MaxResultsPerPage: 1 } });
		expect(page.body.payload.FinancialEventGroupList).toHaveLength(1);
		const newest = page.body.payload.FinancialEventGroupList[0];
		expect(newest.ProcessingStatus).toBe('Open');
		expect(newest.FinancialEventGroupEnd).toBeUndefined();
		expect(newest.FundTransferDate).toBeUndefined();
		const next = await api.call('listFinancialEventGroups', { query: { MaxResultsPerPage: 1, NextToken: page.body.payload.NextToken } });
		expect(next.status).toBe(200);
		expect(Date.parse(next.body.payload.FinancialEventGroupList[0].FinancialEventGroupStart)).toBeLessThanOrEqual(Date.parse(newest.FinancialEventGroupStart));
		const closedGroup = (await api.call('listFinancialEventGroups', { query: { MaxResultsPerPage: 100 } })).body.payload.FinancialEventGroupList.find((g: any) => g.ProcessingStatus === 'Closed');
		expect(closedGroup.FundTransferStatus).toMatch(/^(Processing|Succeeded)$/);
		expect(closedGroup.TraceId).toBeTruthy();
		expect((await api.call('listFinancialEventGroups', { query: { MaxResultsPerPage: 2, FinancialEventGroupStartedAfter: iso(now - 100 * DAY), NextToken: page.body.payload.NextToken } })).status).toBe(400);
		expect((await api.call('listFinancialEventGroups', { query: { FinancialEventGroupStartedAfter: iso(now - MIN) } })).status).toBe(400);
		expect((await api.call('listFinancialEventGroups', { query: { FinancialEventGroupStartedAfter: iso(now - DAY), FinancialEventGroupStartedBefore: iso(now - 2 * DAY) } })).status).toBe(400);
		const wide = await api.call('listFinancialEventGroups', { query: { FinancialEventGroupStartedAfter: iso(now - 400 * DAY), FinancialEventGroupStartedBefore: iso(now - DAY) } });
		expect(wide.body.payload.FinancialEventGroupList).toEqual([]);
		expect((await api.call('listFinancialEventGroups', { query: { MaxResultsPerPage: 101 } })).status).toBe(400);

		expect((await api.call('listFinancialEvents', {})).status).toBe(400);
		expect((await api.call('listFinancialEvents', { query: { PostedBefore: iso(now - DAY) } })).status).toBe(400);
		const events = await api.all('listFinancialEvents', (b) => ({ items: [b.payload.FinancialEvents], next: b.payload.NextToken }), 'NextToken', {
			query: { PostedAfter: iso(now - 30 * DAY), MaxResultsPerPage: 10 },
		});
		expect(events.pages).toBeGreaterThan(1);
		const released = sim.finance.transactions({ account: 'na' }).filter((t) => t.settlementId && t.postedAt < now - 2 * MIN);
		expect(events.items.reduce((s, e) => s + countEvents(e), 0)).toBe(released.length);
		expect(events.items.reduce((s, e) => s + sumEvents(e), 0)).toBe(released.reduce((s, t) => s + t.total, 0));
		expect(events.items.some((e) => e.ServiceFeeEventList.some((f: any) => f.FeeDescription === 'Subscription Fee'))).toBe(true);
		expect((await api.call('listFinancialEventsByGroupId', { params: { eventGroupId: 'nope' } })).status).toBe(404);
	});

	test('listBalances and listSummary: TOTAL = AVAILABLE + RESERVED, DEFERRED = what is held, a settlement summary = its deposit', async () => {
		clock.advance(16 * DAY);
		const balances = (await api.call('listBalances', { query: { marketplaceIds: US } })).body.balances;
		expect(balances).toHaveLength(1);
		const [usd] = balances;
		expect(usd.partnerMetadata.marketplaceId).toBe(US);
		const [available, reserved] = usd.balances;
		expect(minor(usd.amount.currencyAmount)).toBe(minor(available.amount.currencyAmount) + minor(reserved.amount.currencyAmount));
		const open = sim.finance.periods({ account: 'na', currency: 'USD', status: 'Open' })[0];
		expect(minor(available.amount.currencyAmount)).toBe(open.total);
		const held = sim.finance.transactions({ account: 'na', status: 'DEFERRED' }).filter((t) => t.currency === 'USD');
		expect(minor(reserved.balances[0].amount.currencyAmount)).toBe(held.reduce((s, t) => s + t.total, 0));
		const onlyDeferred = (await api.call('listBalances', { query: { balanceType: 'DEFERRED' } })).body.balances;
		expect(onlyDeferred.map((b: any) => b.balanceType)).toEqual(['DEFERRED', 'DEFERRED', 'DEFERRED']);

		const closed = sim.finance.periods({ account: 'na', currency: 'USD', status: 'Closed' })[0];
		const summary = await api.call('listSummary', { query: { relatedIdentifierName: 'SETTLEMENT_ID', relatedIdentifierValue: closed.settlementId } });
		expect(summary.body.summaries).toHaveLength(1);
		const s = summary.body.summaries[0];
		expect(minor(s.netProceeds.currencyAmount)).toBe(closed.total);
		expect(checkBreakdowns(s.breakdowns)).toBe(closed.total);
		expect((await api.call('listSummary', { query: { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: 'x' } })).status).toBe(400);
	});

	test('usage plans from the models, faults on the new operations, money in /__sim/state', async () => {
		expect(sim.usagePlans.listTransactions).toEqual({ rate: 0.5, burst: 10 });
		expect(sim.usagePlans.listFinancialEvents).toEqual({ rate: 0.5, burst: 30 });
		expect(sim.usagePlans.getReports).toEqual({ rate: 0.0222, burst: 10 });
		const query = { postedAfter: iso(clock.now() - DAY) };
		for (let i = 0; i < 10; i++) expect((await api.call('listTransactions', { query, throttle: false })).status).toBe(200);
		const throttled = await api.call('listTransactions', { query, throttle: false });
		expect(throttled.status).toBe(429);
		expect(throttled.headers['x-amzn-ratelimit-limit']).toBe('0.5');
		clock.advance(2_000);
		expect((await api.call('listTransactions', { query, throttle: false })).status).toBe(200);

		sim.faults.add({ operation: ['listFinancialEventGroups', 'getReports'], kind: '503', times: 2 });
		expect((await api.call('listFinancialEventGroups', {})).status).toBe(503);
		expect((await api.call('getReports', { query: { reportTypes: SETTLEMENT } })).status).toBe(503);
		expect((await api.call('listFinancialEventGroups', {})).status).toBe(200);

		const state = await rawRequest(sim, { host: HOSTS.na, path: '/__sim/state' });
		expect(state.body.money.openPeriods).toHaveLength(6);
		expect(state.body.money.transactions).toBe(sim.finance.transactions().length);
	});

	test('the same seed gives the same books', async () => {
		const other = await startSimulator({ clock: new VirtualClock() });
		try {
			clock.advance(20 * DAY);
			(other.clock as VirtualClock).advance(20 * DAY);
			const mine = sim.finance.periods({ status: 'Closed' });
			const theirs = other.finance.periods({ status: 'Closed' });
			expect(theirs.map((p) => [p.settlementId, p.total, p.transactionIds])).toEqual(mine.map((p) => [p.settlementId, p.total, p.transactionIds]));
			expect(other.finance.expectedJournal(theirs[0].settlementId)).toEqual(sim.finance.expectedJournal(mine[0].settlementId));
		} finally {
			await other.close();
		}
	});
});
