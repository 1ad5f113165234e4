/* eslint-disable @typescript-eslint/no-explicit-any */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import type { AccountKey } from '../../simulator';
import { runNode } from '../support/executeContext';
import { callsSeen, count, DAY, minorOf, runOperation, simMinor, US, useFinanceSimulator } from './simSupport';

/**
 * Get Settlement → Map Payout to Journal Entry on the simulator, for every closed settlement in
 * the three formats (USD; EUR with decimal commas and gzip; JPY without decimals): the entry
 * balances, its deposit line is Amazon's total to the cent, and each order's net equals what the
 * finances API says for that settlement (the simulator's own books, and listTransactions).
 */
const env = useFinanceSimulator(31);

export const ACCOUNTS = {
	'Order/ItemPrice/*': '400100',
	'Refund/ItemPrice/*': '400200',
	'*/ItemPrice/Tax': '445710',
	'*/ItemPrice/ShippingTax': '445710',
	'*/ItemPrice/GiftWrapTax': '445710',
	'*/ItemWithheldTax/*': '445720',
	'*/Promotion/*': '609000',
	'*/ItemFees/*': '627000',
	'Chargeback Refund': '400300',
	'other-transaction': '467000',
};

const mapParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'finance',
	operation: 'mapPayout',
	settlementSource: 'item',
	preset: 'generic',
	depositAccount: '102100',
	accounts: {},
	accountsJson: JSON.stringify(ACCOUNTS),
	groupBy: ['transactionType', 'amountType', 'amountDescription'],
	onImbalance: 'error',
	options: {},
	...extra,
});

/** Map Payout runs without any credential: the test context has none to give. */
async function mapPayout(items: IDataObject[], extra: Record<string, unknown> = {}, continueOnFail = false) {
	return await runNode(new AmazonSeller(), { parameters: mapParameters(extra), items: items.map((json) => ({ json })), continueOnFail });
}

async function getSettlement(account: AccountKey, parameters: Record<string, unknown>) {
	const [output] = await runOperation(env.sim, 'finance', 'getSettlement', { settlement: 'byId', output: 'summary', filters: {}, ...parameters }, { account });
	return output;
}

const closed = (account: AccountKey, currency: string) => env.sim.finance.periods({ account, currency, status: 'Closed' });

describe('every closed settlement of the simulator, in its own format', () => {
	const cases: Array<[AccountKey, string]> = [
		['na', 'USD'],
		['eu', 'EUR'],
		['fe', 'JPY'],
	];

	it.each(cases)('%s %s: found, never requested; one balanced entry; deposit and per-order nets to the cent', async (account, currency) => {
		const { sim } = env;
		const periods = closed(account, currency);
		expect(periods.length).toBeGreaterThan(0);
		for (const period of periods) {
			sim.resetCalls();
			const expected = sim.finance.expectedJournal(period.settlementId);
			const [settlement] = await getSettlement(account, { settlementId: period.settlementId });
			const json = settlement.json as any;
			expect(json.settlementId).toBe(period.settlementId);
			expect(json.currency).toBe(currency);
			expect(json.reconciliation.ok).toBe(true);
			expect(json.lines.length).toBe(json.totals.lines);
			// The deposit as the file wrote it ("258,96" in EUR, whole yen in JPY), to the cent.
			expect(minorOf(json.deposit.amount)).toBe(minorOf(period.totalAmount.replace(',', '.')));

			const [entries, unmapped] = await mapPayout([json]);
			expect(unmapped).toEqual([]);
			expect(entries).toHaveLength(1);
			const entry = entries[0].json as any;
			expect(entry.settlementId).toBe(period.settlementId);
			expect(entry.currency).toBe(currency);
			expect(entry.balanced).toBe(true);
			expect(minorOf(entry.totals.debit.amount)).toBe(minorOf(entry.totals.credit.amount));
			const deposit = entry.lines.filter((line: any) => line.type === 'deposit');
			expect(deposit).toHaveLength(1);
			expect(minorOf(deposit[0].amount.amount)).toBe(simMinor(expected.deposit, currency));
			expect(deposit[0].account).toBe('102100');
			// Every other line sums to the deposit: the entry books exactly Amazon's rows.
			const booked = entry.lines.filter((line: any) => line.type === 'amazon').reduce((sum: number, line: any) => sum + minorOf(line.amount.amount), 0);
			expect(booked).toBe(simMinor(expected.deposit, currency));
			expect(entry.lines.every((line: any) => line.account !== null)).toBe(true);

			// Per order: the simulator's books for this settlement.
			const byOrder = Object.fromEntries(entry.orders.map((order: any) => [order.orderId, minorOf(order.amount.amount)]));
			expect(byOrder).toEqual(Object.fromEntries(Object.entries(expected.byOrder).map(([orderId, net]) => [orderId, simMinor(net, currency)])));

			expect(callsSeen(sim)).not.toContain('createReport');
			expect(sim.validationErrors).toEqual([]);
		}
	});

	it.each(cases)('%s %s: the per-order nets equal listTransactions filtered by the settlement (Get Transactions)', async (account, currency) => {
		const { sim } = env;
		for (const period of closed(account, currency)) {
			const [settlement] = await getSettlement(account, { settlementId: period.settlementId });
			const [[entryItem]] = await mapPayout([settlement.json]);
			const entry = entryItem.json as any;
			sim.resetCalls();
			const [transactions] = await runOperation(sim, 'finance', 'getTransactions', { filterBy: 'settlementId', settlementId: period.settlementId, returnAll: true, filters: {} }, { account });
			expect(transactions).toHaveLength(period.transactionIds.length);
			const fromApi: Record<string, number> = {};
			let nonOrder = 0;
			for (const { json } of transactions) {
				const flat = (json as any).flat;
				expect(flat.settlementId).toBe(period.settlementId);
				if (flat.orderId) fromApi[flat.orderId] = (fromApi[flat.orderId] ?? 0) + minorOf(flat.totalAmount.amount);
				else nonOrder += minorOf(flat.totalAmount.amount);
			}
			const fromEntry = Object.fromEntries(entry.orders.map((order: any) => [order.orderId, minorOf(order.amount.amount)]));
			expect(fromApi).toEqual(fromEntry);
			expect(nonOrder).toBe(simMinor(sim.finance.expectedJournal(period.settlementId).nonOrder, currency));
			// The settlement was read before (this process remembers which report holds it): no search downloads.
			expect(count(callsSeen(sim))).toEqual({ getReports: 1, getReportDocument: 1, download: 1, listFinancialEventGroups: 1, listTransactions: expect.any(Number) });
			expect(sim.validationErrors).toEqual([]);
		}
	});
});

describe('Get Settlement', () => {
	it('reads the latest closed settlement, of a currency or of each currency when asked; one item per line on request', async () => {
		const { sim } = env;
		const newest = (currency?: string) =>
			sim.finance
				.periods({ account: 'na', status: 'Closed', ...(currency ? { currency } : {}) })
				.sort((a, b) => b.end - a.end || (a.settlementId < b.settlementId ? 1 : -1))[0];
		const [latest] = await getSettlement('na', { settlement: 'latest' });
		expect((latest.json as any).settlementId).toBe(newest().settlementId);
		sim.resetCalls();
		const [cad] = await getSettlement('na', { settlement: 'latest', filters: { currency: 'CAD' } });
		expect((cad.json as any).settlementId).toBe(newest('CAD').settlementId);
		// The reports' marketplaces tell their currency: only the CAD one is downloaded.
		expect(count(callsSeen(sim))).toEqual({ getReports: 1, getReportDocument: 1, download: 1 });

		sim.resetCalls();
		const each = await getSettlement('na', { settlement: 'latestPerCurrency' });
		expect(each.map((item) => (item.json as any).currency).sort()).toEqual(['CAD', 'MXN', 'USD']);
		for (const item of each) expect((item.json as any).settlementId).toBe(newest((item.json as any).currency).settlementId);
		// Only the newest report of each currency is downloaded.
		expect(count(callsSeen(sim))).toEqual({ getReports: 1, getReportDocument: 3, download: 3 });

		const lines = await getSettlement('na', { settlement: 'latest', filters: { currency: 'CAD' }, output: 'lines' });
		expect(lines).toHaveLength((cad.json as any).lines.length);
		expect(lines[0].json).toMatchObject({ settlementId: newest('CAD').settlementId, currency: 'CAD' });
		expect(lines.reduce((sum, line) => sum + (line.json.amountMinor as number), 0)).toBe(newest('CAD').total);
		expect(lines.every((line) => typeof line.json.amount === 'string' && line.pairedItem && (line.pairedItem as any).item === 0)).toBe(true);
		expect(sim.validationErrors).toEqual([]);
	});

	it('costs the same calls for a small and a large settlement', async () => {
		const { sim, clock } = env;
		const open = sim.finance.periods({ account: 'na', currency: 'USD', status: 'Open' })[0];
		sim.orders.generate({ count: 300, account: 'na', marketplaces: [US], fulfilledBy: 'AMAZON', statuses: ['SHIPPED'], createdAt: [open.start + 60_000, clock.now() - 3 * 3600_000] });
		clock.advance(60_000);
		const large = sim.finance.closePeriod('na', 'USD');
		clock.advance(5 * 60_000);
		const small = closed('na', 'MXN').sort((a, b) => b.end - a.end)[0];

		const read = async (currency: string) => {
			sim.resetCalls();
			const [item] = await getSettlement('na', { settlement: 'latest', filters: { currency } });
			return { lines: (item.json as any).lines.length, settlementId: (item.json as any).settlementId, calls: count(callsSeen(sim)) };
		};
		const big = await read('USD');
		const little = await read('MXN');
		expect(big.settlementId).toBe(large.settlementId);
		expect(little.settlementId).toBe(small.settlementId);
		expect(big.lines).toBeGreaterThan(1_000);
		expect(little.lines).toBeLessThan(50);
		expect(big.calls).toEqual({ getReports: 1, getReportDocument: 1, download: 1 });
		expect(little.calls).toEqual(big.calls);

		// And the large one maps to a balanced entry equal to Amazon's deposit.
		const [[entry]] = await mapPayout([(await getSettlement('na', { settlementId: large.settlementId }))[0].json]);
		expect((entry.json as any).balanced).toBe(true);
		expect(minorOf((entry.json as any).deposit.amount)).toBe(large.total);
		expect(sim.validationErrors).toEqual([]);
	});

	it('says that Amazon keeps settlement reports findable for 90 days when an id is not among them', async () => {
		const { sim } = env;
		const run = getSettlement('na', { settlementId: '99999999999' });
		await expect(run).rejects.toThrow(NodeApiError);
		await expect(run).rejects.toThrow(/Item 0 \(settlement 99999999999\).*not among the \d+ settlement reports.*90 days/);
		expect(callsSeen(sim)).not.toContain('createReport');
		const created = sim.calls.filter((call) => call.operation === 'getReports').map((call) => Date.parse(call.query.createdSince as string));
		expect(created.every((since) => since >= env.clock.now() - 90 * DAY)).toBe(true);
	});

	it('checks every item before calling Amazon, naming item and field', async () => {
		const { sim } = env;
		const run = runOperation(sim, 'finance', 'getSettlement', { settlement: 'byId', settlementId: (i: number) => ['12957366170', 'abc'][i], output: 'summary', filters: {} }, { items: [{}, {}] });
		await expect(run).rejects.toThrow(NodeOperationError);
		await expect(run).rejects.toThrow(/Item 1: Settlement ID "abc" is not a settlement id/);
		const currency = runOperation(sim, 'finance', 'getSettlement', { settlement: 'latest', output: 'summary', filters: { currency: 'EURO' } });
		await expect(currency).rejects.toThrow(/Item 0: Currency "EURO" is not an ISO 4217 currency code/);
		expect(callsSeen(sim)).toEqual([]);
	});

	it('puts no secret in its errors', async () => {
		const { sim } = env;
		const account = sim.accounts.na;
		sim.faults.add({ operation: 'download', kind: '503' });
		let caught: any;
		try {
			await getSettlement('na', { settlement: 'latest' });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeDefined();
		const text = `${caught.message} ${caught.description ?? ''} ${JSON.stringify(caught.context ?? {})}`;
		expect(text).toMatch(/Document download failed: HTTP 503/);
		for (const secret of [account.clientSecret, account.refreshToken, 'Atza|']) expect(text).not.toContain(secret);
		sim.faults.clear();

		const wrong = runNode(new AmazonSeller(), {
			parameters: { resource: 'finance', operation: 'getSettlement', settlement: 'latest', output: 'summary', filters: {} },
			credentials: { region: 'na', environment: 'custom', customEndpoint: sim.url, clientId: account.clientId, clientSecret: 'amzn1.oa2-cs.v1.wrong-secret-value', refreshToken: account.refreshToken },
		});
		await expect(wrong).rejects.toThrow();
		const error = await wrong.catch((e) => e);
		const shown = `${error.message} ${error.description ?? ''}`;
		for (const secret of ['amzn1.oa2-cs.v1.wrong-secret-value', account.refreshToken]) expect(shown).not.toContain(secret);
	});
});

describe('Map Payout to Journal Entry on settlements read from the simulator', () => {
	it('sends entries with types the table does not book to "Unmapped Types", with the keys to add', async () => {
		const period = closed('na', 'USD')[0];
		const [settlement] = await getSettlement('na', { settlementId: period.settlementId });
		const [entries, unmapped] = await mapPayout([settlement.json], { accountsJson: '{}', accounts: { account: [{ key: 'Order/ItemPrice/Principal', account: '400100' }] } });
		expect(entries).toEqual([]);
		expect(unmapped).toHaveLength(1);
		const entry = unmapped[0].json as any;
		expect(entry.balanced).toBe(true);
		expect(entry.unmapped.map((type: any) => type.key)).toContain('Order/ItemFees/Commission');
		expect(entry.unmapped.map((type: any) => type.key)).not.toContain('Order/ItemPrice/Principal');
		expect(unmapped[0].pairedItem).toEqual({ item: 0 });
	});

	it('gives an Odoo account.move whose lines balance and whose bank line is the deposit', async () => {
		const period = closed('eu', 'EUR')[0];
		const [settlement] = await getSettlement('eu', { settlementId: period.settlementId });
		const accounts = Object.fromEntries(Object.keys(ACCOUNTS).map((key, index) => [key, String(100 + index)]));
		const [[item]] = await mapPayout([settlement.json], { preset: 'odoo', odooJournalId: '7', odooPartnerId: '42', depositAccount: '55', accountsJson: accounts });
		const move = (item.json as any).accountMove;
		expect(move).toMatchObject({ move_type: 'entry', journal_id: 7, ref: `Amazon settlement ${period.settlementId}` });
		const lines = move.line_ids.map((command: any) => command[2]);
		expect(move.line_ids.every((command: any) => command[0] === 0 && command[1] === 0)).toBe(true);
		const cents = (n: number) => Math.round(n * 100);
		expect(lines.reduce((sum: number, line: any) => sum + cents(line.debit), 0)).toBe(lines.reduce((sum: number, line: any) => sum + cents(line.credit), 0));
		const bank = lines.find((line: any) => line.account_id === 55);
		expect(cents(bank.debit) - cents(bank.credit)).toBe(period.total);
		expect(lines.filter((line: any) => line.account_id !== 55).every((line: any) => line.partner_id === 42)).toBe(true);
	});

	it('names the item and the field of bad input, and sends nothing', async () => {
		const { sim } = env;
		const good = (await getSettlement('na', { settlementId: closed('na', 'USD')[0].settlementId }))[0].json as any;
		const broken = { ...good, lines: good.lines.map((line: any, index: number) => (index === 2 ? { ...line, amount: 12.5 } : line)) };
		sim.resetCalls();
		const run = mapPayout([good, broken]);
		await expect(run).rejects.toThrow(NodeOperationError);
		await expect(run).rejects.toThrow(/Item 1 \(settlement \d+\): field "lines\[2\]\.amount" must be a whole number of minor units|Item 1.*lines\[2\]\.amount/);
		const line = mapPayout([{ settlementId: '1', currency: 'USD', transactionType: 'Order', amount: '1.00', amountMinor: 100 }]);
		await expect(line).rejects.toThrow(/Item 0: The item is one settlement line: set Get Settlement's Output to "Summary and Lines"/);
		const table = mapPayout([good], { accountsJson: '{"Order/ItemPrice/*": ""}' });
		await expect(table).rejects.toThrow(/Item 0 \(settlement \d+\): Accounts \(JSON\) "Order\/ItemPrice\/\*" must be an account/);
		const twice = mapPayout([good], { accounts: { account: [{ key: 'order/itemprice/*', account: '1' }] } });
		await expect(twice).rejects.toThrow(/Accounts.*same key/);
		expect(callsSeen(sim)).toEqual([]);
	});

	it('refuses an unbalanced settlement unless asked for a suspense line', async () => {
		const good = (await getSettlement('na', { settlementId: closed('na', 'USD')[0].settlementId }))[0].json as any;
		const off = { ...good, summary: { ...good.summary, totalAmount: good.summary.totalAmount + 1 } };
		await expect(mapPayout([off])).rejects.toThrow(/does not balance.*difference/);
		const [[entry]] = await mapPayout([off], { onImbalance: 'suspense', suspenseAccount: '999999' });
		const suspense = (entry.json as any).lines.find((line: any) => line.type === 'suspense');
		expect(suspense).toMatchObject({ account: '999999', amount: { amount: '0.01' } });
		expect((entry.json as any).balanced).toBe(true);
	});

	it('with Continue On Fail, a bad item gets its error and the others their entry', async () => {
		const good = (await getSettlement('na', { settlementId: closed('na', 'USD')[0].settlementId }))[0].json;
		const [entries] = await mapPayout([{ nothing: true }, good], {}, true);
		expect(entries).toHaveLength(2);
		expect(entries[0].json.error).toMatch(/Item 0: the input item must be an object|Item 0: field "summary" must be an object/);
		expect((entries[1].json as any).settlementId).toBeDefined();
	});
});
