import { parseSettlementReport, type SettlementReport } from '../../nodes/AmazonSeller/amazon/settlementReport';
import { OrderMappingError } from '../../nodes/AmazonSeller/amazon/readError';
import { buildAccountTable, mapSettlementToJournalEntry, type JournalEntry } from '../../nodes/AmazonSeller/mapping/journalEntry';
import { toOdooJournalEntry } from '../../nodes/AmazonSeller/mapping/odooFinance';
import { caught } from '../mapping/helpers';
import { amountText, cells, financeFixture, minor } from './helpers';

/**
 * Map Payout to Journal Entry: one balanced entry per settlement, the deposit line equal to
 * Amazon's total to the cent, each order's net in the settlement, unmapped types reported.
 */
const ACCOUNTS = {
	'Order/ItemPrice/*': '400100',
	'Refund/ItemPrice/*': '400200',
	'*/ItemPrice/Tax': '445710',
	'*/ItemPrice/ShippingTax': '445710',
	'*/ItemWithheldTax/*': '445720',
	'*/Promotion/*': '609000',
	'*/ItemFees/*': '627000',
	'ServiceFee': '627100',
	'other-transaction/other-transaction/*': '467000',
};

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

interface Case {
	file: string;
	currency: string;
	decimals: number;
	deposit: string;
}

const cases: Case[] = [
	{ file: 'settlement-us-usd.tsv', currency: 'USD', decimals: 2, deposit: '12.75' },
	{ file: 'settlement-de-eur.tsv', currency: 'EUR', decimals: 2, deposit: '223.38' },
	{ file: 'settlement-jp-jpy.tsv', currency: 'JPY', decimals: 0, deposit: '5493' },
	{ file: 'settlement-uk-gbp-negative.tsv', currency: 'GBP', decimals: 2, deposit: '-30.48' },
];

describe.each(cases)('$file', (row) => {
	const text = financeFixture(row.file);
	const entry = mapSettlementToJournalEntry(parseSettlementReport(text), { accounts: ACCOUNTS, depositAccount: '512000' });
	const table = cells(text);
	const column = (name: string) => table[0].indexOf(name);

	test('the entry balances: debits equal credits', () => {
		const debits = sum(entry.lines.map((line) => minor(line.debit)));
		const credits = sum(entry.lines.map((line) => minor(line.credit)));
		expect(debits).toBe(credits);
		expect(entry.balanced).toBe(true);
		expect(entry.totals).toEqual({ debit: { amount: expect.any(String), currency: row.currency }, credit: entry.totals.debit });
		expect(minor(entry.totals.debit)).toBe(debits);
	});

	test("the deposit line is Amazon's total-amount to the cent, on the deposit account", () => {
		const total = table[1][column('total-amount')];
		const [deposit] = entry.lines;
		expect(deposit).toMatchObject({ type: 'deposit', account: '512000', amount: { amount: row.deposit, currency: row.currency } });
		expect(minor(deposit.amount)).toBe(amountText(total, row.decimals));
		// Money in: a debit; a negative settlement takes money: a credit.
		expect(minor(deposit.debit) - minor(deposit.credit)).toBe(amountText(total, row.decimals));
		expect(entry.deposit).toEqual(deposit.amount);
		expect(entry.lines.filter((line) => line.type === 'suspense')).toEqual([]);
	});

	test("each order's link is the sum of its rows in the file", () => {
		const byOrder = new Map<string, number>();
		for (const cellsOfRow of table.slice(2)) {
			const orderId = cellsOfRow[column('order-id')];
			if (orderId) byOrder.set(orderId, (byOrder.get(orderId) ?? 0) + amountText(cellsOfRow[column('amount')], row.decimals));
		}
		expect(entry.orders.map((order) => [order.orderId, minor(order.amount)])).toEqual([...byOrder.entries()]);
		for (const order of entry.orders) expect(sum(Object.values(order.byTransactionType).map(minor))).toBe(minor(order.amount));
	});

	test('every amount is booked: the account table covers these settlements', () => {
		expect(entry.unmapped).toEqual([]);
		expect(entry.lines.every((line) => line.account !== null)).toBe(true);
		expect(entry.warnings).toEqual([]);
	});

	test('dates and reference', () => {
		expect(entry).toMatchObject({ date: '2026-01-21', depositDate: '2026-01-21T08:00:00Z', period: { start: '2026-01-05T08:00:00Z', end: '2026-01-19T08:00:00Z' } });
		expect(entry.reference).toBe(`Amazon settlement ${entry.settlementId}`);
	});
});

describe('what the lines hold', () => {
	const us = parseSettlementReport(financeFixture('settlement-us-usd.tsv'));
	const entry = mapSettlementToJournalEntry(us, { accounts: ACCOUNTS, depositAccount: '512000' });
	const line = (key: string) => entry.lines.find((candidate) => candidate.key === key);

	test('rows are summed per type; sales are credits, fees debits', () => {
		// Principal 39.98 + 12.99 + 34.62.
		expect(line('Order/ItemPrice/Principal')).toMatchObject({ account: '400100', amount: { amount: '87.59' }, credit: { amount: '87.59' }, debit: { amount: '0.00' }, rowCount: 3 });
		expect(line('Order/ItemFees/Commission')).toMatchObject({ account: '627000', debit: { amount: '13.59' }, credit: { amount: '0.00' }, rules: ['*/ItemFees/*'] });
		expect(line('ServiceFee/ServiceFee/Subscription Fee')).toMatchObject({ account: '627100', debit: { amount: '39.99' } });
	});

	test('the most specific key wins: */ItemPrice/Tax over Order/ItemPrice/*', () => {
		expect(line('Order/ItemPrice/Tax')).toMatchObject({ account: '445710', rules: ['*/ItemPrice/Tax'] });
		expect(line('Order/ItemPrice/Shipping')).toMatchObject({ account: '400100', rules: ['Order/ItemPrice/*'] });
	});

	test('rows that cancel out book nothing', () => {
		const zero = parseSettlementReport(financeFixture('settlement-de-eur.tsv'));
		const germany = mapSettlementToJournalEntry(zero, { accounts: ACCOUNTS, depositAccount: '512000' });
		expect(germany.lines.find((candidate) => candidate.key === 'Order/Promotion/Shipping')).toBeUndefined();
	});

	test('grouping by amount type: one line per account and amount type', () => {
		const grouped = mapSettlementToJournalEntry(us, { accounts: ACCOUNTS, depositAccount: '512000', groupBy: ['amountType'] });
		expect(grouped.balanced).toBe(true);
		expect(grouped.lines.find((candidate) => candidate.key === 'ItemFees')).toMatchObject({
			account: '627000',
			transactionType: null,
			amountType: 'ItemFees',
			// Order fees −6.90 − 0.90 − 1.95 − 4.74 − 9.50 = −23.99, and the refund's commission back +1.95 − 0.39.
			amount: { amount: '-22.43' },
		});
		// ItemPrice splits by account: sales, refunds and tax stay apart.
		expect(grouped.lines.filter((candidate) => candidate.key === 'ItemPrice').map((candidate) => candidate.account)).toEqual(['400100', '445710', '400200']);
	});

	test('the account table is matched ignoring case and spaces; "*" is the default', () => {
		const entryWithDefault = mapSettlementToJournalEntry(us, { accounts: { ' order / itemprice / principal ': 1, '*': 999 }, depositAccount: 512 });
		expect(entryWithDefault.unmapped).toEqual([]);
		expect(entryWithDefault.lines.find((candidate) => candidate.key === 'Order/ItemPrice/Principal')?.account).toBe(1);
		expect(entryWithDefault.lines.find((candidate) => candidate.key === 'Order/ItemFees/Commission')?.account).toBe(999);
	});
});

describe('a settlement with an unmapped type', () => {
	const report = parseSettlementReport(financeFixture('settlement-us-usd.tsv'));
	const accounts = { ...ACCOUNTS } as Record<string, string>;
	delete accounts.ServiceFee;
	delete accounts['other-transaction/other-transaction/*'];
	const entry = mapSettlementToJournalEntry(report, { accounts, depositAccount: '512000' });

	test('the types no rule books are listed with the key to add, their amount and row count', () => {
		expect(entry.unmapped).toEqual([
			{ key: 'ServiceFee/ServiceFee/Subscription Fee', transactionType: 'ServiceFee', amountType: 'ServiceFee', amountDescription: 'Subscription Fee', amount: { amount: '-39.99', currency: 'USD' }, rowCount: 1 },
			{ key: 'other-transaction/other-transaction/Storage Fee', transactionType: 'other-transaction', amountType: 'other-transaction', amountDescription: 'Storage Fee', amount: { amount: '-7.42', currency: 'USD' }, rowCount: 1 },
			{ key: 'other-transaction/other-transaction/Previous Reserve Amount Balance', transactionType: 'other-transaction', amountType: 'other-transaction', amountDescription: 'Previous Reserve Amount Balance', amount: { amount: '25.00', currency: 'USD' }, rowCount: 1 },
			{ key: 'other-transaction/other-transaction/Current Reserve Amount', transactionType: 'other-transaction', amountType: 'other-transaction', amountDescription: 'Current Reserve Amount', amount: { amount: '-20.00', currency: 'USD' }, rowCount: 1 },
		]);
	});

	test('their lines stay in the entry without an account, so it still balances', () => {
		expect(entry.balanced).toBe(true);
		expect(entry.lines.filter((line) => line.account === null).map((line) => line.key)).toEqual(entry.unmapped.map((type) => type.key));
	});
});

describe('a settlement whose rows do not add up to its total', () => {
	const report = parseSettlementReport(financeFixture('settlement-unbalanced.tsv'));

	test('is refused by default: no silent plug', async () => {
		const error = await caught(() => mapSettlementToJournalEntry(report, { accounts: ACCOUNTS, depositAccount: '512000' }), OrderMappingError);
		expect(error.path).toBe('summary.totalAmount');
		expect(error.reason).toMatch(/settlement 55667788991 does not balance: its rows add up to -30.48 GBP but its total-amount \(the deposit\) is -30.47 \(difference -0.01\)/);
	});

	test('on request, a suspense line carries exactly the difference, with a warning', () => {
		const entry = mapSettlementToJournalEntry(report, { accounts: ACCOUNTS, depositAccount: '512000', onImbalance: 'suspense', suspenseAccount: '471000' });
		const suspense = entry.lines.filter((line) => line.type === 'suspense');
		expect(suspense).toEqual([expect.objectContaining({ account: '471000', amount: { amount: '0.01', currency: 'GBP' }, credit: { amount: '0.01', currency: 'GBP' } })]);
		expect(entry.balanced).toBe(true);
		expect(entry.lines[0].amount.amount).toBe('-30.47');
		expect(entry.reconciliation).toEqual({
			ok: false,
			linesTotal: { amount: '-30.48', currency: 'GBP' },
			totalAmount: { amount: '-30.47', currency: 'GBP' },
			difference: { amount: '-0.01', currency: 'GBP' },
		});
		expect(entry.warnings.join('\n')).toMatch(/does not balance.*suspense line/);
	});
});

describe('options', () => {
	const report = parseSettlementReport(financeFixture('settlement-jp-jpy.tsv'));

	test('the booking date can be the settlement end', () => {
		expect(mapSettlementToJournalEntry(report, { accounts: ACCOUNTS, date: 'end' }).date).toBe('2026-01-19');
	});

	test('without a deposit account the deposit line has none, and a warning says so', () => {
		const entry = mapSettlementToJournalEntry(report, { accounts: ACCOUNTS });
		expect(entry.lines[0].account).toBeNull();
		expect(entry.warnings).toEqual(['No deposit account is set: the deposit line has no account.']);
	});

	test.each([
		[{ accounts: 'none' }, 'accounts', /must be an object/],
		[{ accounts: { 'Order/ItemPrice/*': '' } }, 'accounts.Order/ItemPrice/*', /must be an account/],
		[{ accounts: { 'order/itemprice': 1, 'Order/ItemPrice/*': 2 } }, 'accounts', /same key/],
		[{ accounts: [{ key: 5, account: 1 }] }, 'accounts[0].key', /must be text/],
		[{ groupBy: ['sku'] }, 'groupBy', /"sku" is not one of/],
		[{ depositAccount: {} }, 'depositAccount', /must be an account/],
	])('bad option %# names it', async (options, path, reason) => {
		const error = await caught(() => mapSettlementToJournalEntry(report, options as never), OrderMappingError);
		expect(error.path).toBe(path);
		expect(error.reason).toMatch(reason);
	});

	test('the table as a list of { key, account }, or built once and reused', () => {
		const list = Object.entries(ACCOUNTS).map(([key, account]) => ({ key, account }));
		const fromList = mapSettlementToJournalEntry(report, { accounts: list, depositAccount: '512000' });
		const built = mapSettlementToJournalEntry(report, { accounts: buildAccountTable(ACCOUNTS), depositAccount: '512000' });
		expect(fromList).toEqual(built);
	});
});

describe('Odoo preset: account.move values for the Odoo node', () => {
	const entry: JournalEntry = mapSettlementToJournalEntry(parseSettlementReport(financeFixture('settlement-de-eur.tsv')), {
		accounts: { ...ACCOUNTS, ServiceFee: '58' },
		depositAccount: '41',
	});
	const odoo = toOdooJournalEntry(entry, { journalId: '9', partnerId: 77 });

	test('move_type entry, journal, date, ref, and line_ids as (0, 0, values) commands', () => {
		expect(odoo.accountMove).toMatchObject({ move_type: 'entry', journal_id: 9, date: '2026-01-21', ref: 'Amazon settlement 22334455661' });
		expect(odoo.accountMove.line_ids[0]).toEqual([0, 0, { account_id: 41, name: 'Amazon deposit, settlement 22334455661', debit: 223.38, credit: 0 }]);
		expect(odoo.accountMove.line_ids[1]).toEqual([0, 0, { account_id: 400100, name: 'Order / ItemPrice / Principal', debit: 0, credit: 266.72, partner_id: 77 }]);
		for (const [zero, alsoZero] of odoo.accountMove.line_ids) expect([zero, alsoZero]).toEqual([0, 0]);
	});

	test('amounts are numbers with the currency’s decimals, and they still balance to the cent', () => {
		const cents = (value: number) => Math.round(value * 100);
		const lines = odoo.accountMove.line_ids.map(([, , values]) => values);
		expect(sum(lines.map((line) => cents(line.debit)))).toBe(sum(lines.map((line) => cents(line.credit))));
		for (const line of lines) {
			expect(String(line.debit)).toMatch(/^\d+(\.\d{1,2})?$/);
			expect(String(line.credit)).toMatch(/^\d+(\.\d{1,2})?$/);
		}
	});

	test('yen have no decimals; no journal or partner given: the keys are left out for Odoo’s defaults', () => {
		const yen = toOdooJournalEntry(mapSettlementToJournalEntry(parseSettlementReport(financeFixture('settlement-jp-jpy.tsv')), { accounts: ACCOUNTS, depositAccount: '41' }));
		expect(yen.accountMove).not.toHaveProperty('journal_id');
		expect(yen.accountMove.line_ids[0][2]).toEqual({ account_id: 41, name: 'Amazon deposit, settlement 33445566771', debit: 5493, credit: 0 });
		expect(yen.accountMove.line_ids.every(([, , values]) => !('partner_id' in values))).toBe(true);
	});

	test('order links and unmapped types come along for the workflow', () => {
		expect(odoo.orders).toBe(entry.orders);
		expect(odoo.unmapped).toEqual([]);
		expect(odoo.balanced).toBe(true);
	});
});

describe('the entry never depends on how the settlement was written', () => {
	test('the same rows in another order give the same lines (first appearance decides only the order)', () => {
		const report = parseSettlementReport(financeFixture('settlement-us-usd.tsv'));
		const reversed: SettlementReport = { ...report, lines: [...report.lines].reverse() };
		const forward = mapSettlementToJournalEntry(report, { accounts: ACCOUNTS, depositAccount: '512000' });
		const backward = mapSettlementToJournalEntry(reversed, { accounts: ACCOUNTS, depositAccount: '512000' });
		const byKey = (entry: JournalEntry) => Object.fromEntries(entry.lines.map((line) => [`${line.account}:${line.key}`, line.amount.amount]));
		expect(byKey(backward)).toEqual(byKey(forward));
	});
});
