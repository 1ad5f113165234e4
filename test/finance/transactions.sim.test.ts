/* eslint-disable @typescript-eslint/no-explicit-any */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import { runNode } from '../support/executeContext';
import { callsSeen, count, DAY, minorOf, runOperation, simMinor, useFinanceSimulator } from './simSupport';

/** Get Transactions (Finances 2024-06-19) and Map Refund to Credit Note on the simulator. */
const env = useFinanceSimulator(41);

const getTransactions = async (parameters: Record<string, unknown>, account: 'na' | 'eu' | 'fe' = 'na') =>
	(await runOperation(env.sim, 'finance', 'getTransactions', { returnAll: true, filters: {}, ...parameters }, { account }))[0];

const iso = (ms: number) => new Date(ms).toISOString();

async function mapRefund(items: IDataObject[], extra: Record<string, unknown> = {}) {
	return await runNode(new AmazonSeller(), {
		parameters: { resource: 'finance', operation: 'mapRefund', refundSource: 'item', preset: 'generic', offerMapping: 'none', options: {}, ...extra },
		items: items.map((json) => ({ json })),
	});
}

describe('Get Transactions', () => {
	it('pages a posted range to the end, through empty pages, one item per transaction with an exact flat summary', async () => {
		const { sim, clock } = env;
		const after = clock.now() - 40 * DAY;
		const output = await getTransactions({ filterBy: 'postedRange', postedAfter: iso(after), postedBefore: iso(clock.now()) });
		const visible = sim.finance
			.transactions({ account: 'na' })
			.filter((t) => t.postedAt >= after && t.postedAt < clock.now() - 2 * 60_000)
			.map((t) => t.transactionId)
			.sort();
		expect(output.map((item) => (item.json as any).transactionId).sort()).toEqual(visible);
		const pages = sim.calls.filter((call) => call.operation === 'listTransactions');
		// Amazon serves a posted range in 14-day windows: 40 days are at least three pages.
		expect(pages.length).toBeGreaterThanOrEqual(3);
		for (const page of pages) expect(Date.parse(page.query.postedBefore as string)).toBeLessThanOrEqual(clock.now() - 2 * 60_000);
		for (const { json } of output) {
			const flat = (json as any).flat;
			const byTransaction = sim.finance.transactions({ account: 'na' }).find((t) => t.transactionId === (json as any).transactionId)!;
			expect(minorOf(flat.totalAmount.amount)).toBe(simMinor(byTransaction.total, flat.currency));
			expect(typeof flat.totalAmount.amount).toBe('string');
			expect(flat.unexplained.amount).toMatch(/^0(\.0+)?$/);
		}
		expect(sim.validationErrors).toEqual([]);
	});

	it('stops calling once the limit is reached', async () => {
		const { sim, clock } = env;
		const all = await getTransactions({ filterBy: 'postedRange', postedAfter: iso(clock.now() - 60 * DAY) });
		const allCalls = count(callsSeen(sim)).listTransactions;
		sim.resetCalls();
		const some = await getTransactions({ filterBy: 'postedRange', postedAfter: iso(clock.now() - 60 * DAY), returnAll: false, limit: 3 });
		expect(some.map((item) => item.json.transactionId)).toEqual(all.slice(0, 3).map((item) => item.json.transactionId));
		expect(count(callsSeen(sim)).listTransactions).toBeLessThan(allCalls);
	});

	it('reads a range longer than Amazon serves (180 days) in parts, never asking what Amazon would answer empty, through empty pages', async () => {
		const { sim, clock } = env;
		const after = clock.now() - 200 * DAY;
		const output = await getTransactions({ filterBy: 'postedRange', postedAfter: iso(after) });
		const visible = sim.finance.transactions({ account: 'na' }).filter((t) => t.postedAt >= after && t.postedAt < clock.now() - 2 * 60_000);
		// The simulator's books begin weeks ago: the first 14-day windows are empty pages carrying a nextToken.
		expect(Math.min(...visible.map((t) => t.postedAt))).toBeGreaterThan(after + 28 * DAY);
		expect(output.map((item) => item.json.transactionId).sort()).toEqual(visible.map((t) => t.transactionId).sort());
		const queries = sim.calls.filter((call) => call.operation === 'listTransactions' && !call.query.nextToken);
		expect(queries.length).toBe(2);
		for (const { query } of queries) expect(Date.parse(query.postedBefore as string) - Date.parse(query.postedAfter as string)).toBeLessThanOrEqual(180 * DAY);
		expect(sim.validationErrors).toEqual([]);
	});

	it("lists one order's sale and refund by order id, and only what is deferred when asked", async () => {
		const { sim, clock } = env;
		const sale = sim.finance.transactions({ account: 'na', kind: 'Shipment' }).find((t) => t.orderId && !sim.finance.transactions({ orderId: t.orderId }).some((x) => x.kind === 'Refund'))!;
		const refund = sim.finance.refund(sale.orderId!);
		clock.advance(5 * 60_000);
		const output = await getTransactions({ filterBy: 'orderId', orderId: sale.orderId });
		const types = output.map((item) => (item.json as any).flat.transactionType);
		expect(types).toEqual(expect.arrayContaining(['Shipment', 'Refund']));
		expect(output.every((item) => (item.json as any).flat.orderId === sale.orderId)).toBe(true);
		const refundItem = output.find((item) => (item.json as any).transactionId === refund.transactionId)!;
		expect(minorOf((refundItem.json as any).flat.totalAmount.amount)).toBe(refund.total);

		// Amazon holds some sales back (DD7) until a week after delivery: ship a few now.
		sim.orders.generate({ count: 20, account: 'na', marketplaces: ['ATVPDKIKX0DER'], statuses: ['SHIPPED'], createdAt: [clock.now() - 3 * 3600_000, clock.now() - 3600_000] });
		clock.advance(5 * 60_000);
		const after = clock.now() - 30 * DAY;
		const held = sim.finance
			.transactions({ account: 'na', status: 'DEFERRED' })
			.filter((t) => t.postedAt >= after && t.postedAt < clock.now() - 2 * 60_000)
			.map((t) => t.transactionId)
			.sort();
		expect(held.length).toBeGreaterThan(0);
		const deferred = await getTransactions({ filterBy: 'postedRange', postedAfter: iso(after), filters: { transactionStatus: 'DEFERRED' } });
		expect(deferred.map((item) => item.json.transactionId).sort()).toEqual(held);
		expect(deferred.every((item) => (item.json as any).flat.deferred === true && (item.json as any).flat.deferral !== null)).toBe(true);
		expect(sim.validationErrors).toEqual([]);
	});

	it('checks every item before calling Amazon', async () => {
		const { sim, clock } = env;
		const recent = runOperation(sim, 'finance', 'getTransactions', { filterBy: 'postedRange', postedAfter: iso(clock.now() - 60_000), returnAll: true, filters: {} });
		await expect(recent).rejects.toThrow(NodeOperationError);
		await expect(recent).rejects.toThrow(/Item 0: Posted After .* is less than 2 minutes ago/);
		const order = runOperation(sim, 'finance', 'getTransactions', { filterBy: 'orderId', orderId: 'ERP-1001', returnAll: true, filters: {} });
		await expect(order).rejects.toThrow(/Item 0: Order ID "ERP-1001" is not an Amazon order id/);
		const status = runOperation(sim, 'finance', 'getTransactions', { filterBy: 'orderId', orderId: '112-4798234-3682188', returnAll: true, filters: { transactionStatus: 'PAID' } });
		await expect(status).rejects.toThrow(/Transaction Status "PAID" is not one of DEFERRED, RELEASED, DEFERRED_RELEASED/);
		expect(callsSeen(sim)).toEqual([]);
	});
});

describe('Map Refund to Credit Note', () => {
	it('maps a refund transaction from Get Transactions; its settlement amount is the transaction total', async () => {
		const { sim, clock } = env;
		const sale = sim.finance.transactions({ account: 'eu', kind: 'Shipment' }).find((t) => t.orderId && t.marketplaceId === 'A1PA6795UKMFR9' && !sim.finance.transactions({ orderId: t.orderId }).some((x) => x.kind === 'Refund'))!;
		const refund = sim.finance.refund(sale.orderId!);
		clock.advance(5 * 60_000);
		const output = await getTransactions({ filterBy: 'orderId', orderId: sale.orderId }, 'eu');
		const item = output.find((entry) => (entry.json as any).transactionId === refund.transactionId)!;
		const [[note]] = await mapRefund([item.json]);
		const json = note.json as any;
		expect(json.orderId).toBe(sale.orderId);
		expect(json.currency).toBe('EUR');
		expect(minorOf(json.totals.settlementAmount.amount)).toBe(refund.total);
		expect(json.reconciliation.status).toBe('matched');
		expect(minorOf(json.totals.total.amount)).toBeGreaterThan(0);
		expect(note.pairedItem).toEqual({ item: 0 });

		const [[odoo]] = await mapRefund([item.json], { preset: 'odoo', odooPartnerId: '42' });
		expect((odoo.json as any).accountMove).toMatchObject({ move_type: 'out_refund', partner_id: 42, invoice_origin: sale.orderId });
		expect((odoo.json as any).accountMove.invoice_line_ids.length).toBeGreaterThan(0);
	});

	it('maps every refund of a settlement, each to its own credit note', async () => {
		const { sim } = env;
		const period = sim.finance.periods({ status: 'Closed' }).find((p) => sim.finance.expectedJournal(p.settlementId).lines.some((line) => line.transactionType === 'Refund'));
		expect(period).toBeDefined();
		const [[settlement]] = await runOperation(sim, 'finance', 'getSettlement', { settlement: 'byId', settlementId: period!.settlementId, output: 'summary', filters: {} }, { account: period!.account });
		const refunds = sim.finance.transactions({ settlementId: period!.settlementId, kind: 'Refund' });
		const [notes] = await mapRefund([settlement.json]);
		expect(notes).toHaveLength(refunds.length);
		const byAdjustment = Object.fromEntries(notes.map((note) => [(note.json as any).adjustmentId, minorOf((note.json as any).totals.settlementAmount.amount)]));
		expect(byAdjustment).toEqual(Object.fromEntries(refunds.map((r) => [r.adjustmentId, simMinor(r.total, r.currency)])));
		expect(notes.every((note) => (note.pairedItem as any).item === 0)).toBe(true);
	});

	it('refuses a transaction that is not a refund, naming the field', async () => {
		const sale = (await getTransactions({ filterBy: 'postedRange', postedAfter: iso(env.clock.now() - 30 * DAY) })).find((item) => (item.json as any).transactionType === 'Shipment')!;
		const run = mapRefund([sale.json]);
		await expect(run).rejects.toThrow(NodeOperationError);
		await expect(run).rejects.toThrow(/Item 0: field "transactionType" is "Shipment", not a refund/);
		const field = mapRefund([{ body: {} }], { refundSource: 'field', refundField: 'body.refund' });
		await expect(field).rejects.toThrow(/Item 0: the field "body.refund" is not in the input item/);
	});
});
