import { parseSettlementReport, type SettlementReport } from '../../nodes/AmazonSeller/amazon/settlementReport';
import {
	classifyRefundAmount,
	mapRefundToCreditNote,
	readRefund,
	refundFromTransaction,
	refundsFromSettlement,
	type CreditNote,
} from '../../nodes/AmazonSeller/mapping/creditNote';
import { OrderMappingError } from '../../nodes/AmazonSeller/amazon/readError';
import { toOdooCreditNote } from '../../nodes/AmazonSeller/mapping/odooFinance';
import { caught } from '../mapping/helpers';
import { loadModel } from '../support/models';
import { financeFixture, minor } from './helpers';

/**
 * Map Refund to Credit Note: what the customer got back (per item and kind, tax as Amazon splits
 * it) and, apart, what the refund did to the payout (fees returned, facilitator tax), all exact.
 */
const settlement = (file: string) => parseSettlementReport(financeFixture(file));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The invariants every credit note keeps, whatever its source. */
function expectConsistent(note: CreditNote): void {
	expect(sum(note.lines.map((line) => minor(line.total)))).toBe(minor(note.totals.total));
	expect(sum(note.lines.map((line) => minor(line.amount)))).toBe(minor(note.totals.amount));
	expect(sum(note.fees.map((fee) => minor(fee.amount)))).toBe(minor(note.totals.feesReturned));
	// The payout effect: the refund to the customer out, fees and facilitator tax back.
	expect(minor(note.totals.settlementAmount)).toBe(
		-minor(note.totals.total) + minor(note.totals.feesReturned) + minor(note.totals.withheldTax) + minor(note.totals.other),
	);
	if (note.taxStatus === 'amazon') {
		expect(minor(note.totals.total)).toBe(minor(note.totals.amount) + minor(note.totals.tax!));
		expect(note.totals.totalExclTax).toEqual(note.totals.amount);
	} else {
		expect(note.totals).toMatchObject({ tax: null, totalExclTax: null });
		expect(note.totals.total).toEqual(note.totals.amount);
	}
}

describe('refunds from a settlement report', () => {
	test('USD: principal and tax back to the customer; commission returned, refund fee kept; facilitator tax reversed', () => {
		const [refund, ...others] = refundsFromSettlement(settlement('settlement-us-usd.tsv'));
		expect(others).toEqual([]);
		const note = mapRefundToCreditNote(refund, { offers: new Map([['COASTER-SET-4', 'P-COASTER']]) });
		expect(note).toMatchObject({
			reference: '112-4830291-5567213/amzn1.adj.112-4830291-1',
			orderId: '112-4830291-5567213',
			adjustmentId: 'amzn1.adj.112-4830291-1',
			merchantOrderId: 'PO-1001',
			transactionType: 'Refund',
			source: 'settlementReport',
			currency: 'USD',
			date: '2026-01-12',
			marketplace: { id: 'ATVPDKIKX0DER', name: 'Amazon.com', country: 'US' },
			taxStatus: 'amazon',
			warnings: [],
		});
		expect(note.lines).toEqual([
			{
				kind: 'product',
				sku: 'COASTER-SET-4',
				orderItemCode: '48213370551203',
				quantity: null,
				name: 'Refund [COASTER-SET-4]',
				descriptions: ['Principal', 'Tax'],
				erpProduct: 'P-COASTER',
				amount: { amount: '12.99', currency: 'USD' },
				tax: { amount: '1.07', currency: 'USD' },
				priceIncludesTax: false,
				totalExclTax: { amount: '12.99', currency: 'USD' },
				total: { amount: '14.06', currency: 'USD' },
			},
		]);
		expect(note.fees).toEqual([
			{ description: 'Commission', amount: { amount: '1.95', currency: 'USD' } },
			{ description: 'RefundCommission', amount: { amount: '-0.39', currency: 'USD' } },
		]);
		expect(note.totals).toMatchObject({
			total: { amount: '14.06' },
			feesReturned: { amount: '1.56' },
			withheldTax: { amount: '1.07' },
			settlementAmount: { amount: '-11.43' },
		});
		expectConsistent(note);
	});

	test('EUR with decimal commas: the promotion taken back lowers the credit', () => {
		const [refund] = refundsFromSettlement(settlement('settlement-de-eur.tsv'));
		const note = mapRefundToCreditNote(refund);
		expect(note.lines.map((line) => [line.kind, line.amount.amount, line.tax?.amount, line.total.amount])).toEqual([
			['product', '16.72', '3.18', '19.90'],
			['promotion', '-1.68', '0.00', '-1.68'],
		]);
		expect(note.totals).toMatchObject({ total: { amount: '18.22' }, tax: { amount: '3.18' }, feesReturned: { amount: '1.79' }, settlementAmount: { amount: '-16.43' } });
		expectConsistent(note);
	});

	test('the settlement amount of each refund is exactly the sum of its rows', () => {
		for (const file of ['settlement-us-usd.tsv', 'settlement-de-eur.tsv', 'settlement-uk-gbp-negative.tsv']) {
			const report = settlement(file);
			for (const refund of refundsFromSettlement(report)) {
				const rows = report.lines.filter((line) => line.transactionType === 'Refund' && line.adjustmentId === refund.adjustmentId);
				expect(minor(mapRefundToCreditNote(refund).totals.settlementAmount)).toBe(sum(rows.map((line) => line.amount)));
			}
		}
	});

	test('no tax split on a tax-included marketplace: tax and net unknown (null), with a warning', () => {
		const report = settlement('settlement-de-eur.tsv');
		const withoutTax: SettlementReport = { ...report, lines: report.lines.filter((line) => line.amountDescription !== 'Tax') };
		const note = mapRefundToCreditNote(refundsFromSettlement(withoutTax)[0]);
		expect(note.taxStatus).toBe('unknown');
		expect(note.lines[0]).toMatchObject({ amount: { amount: '16.72' }, tax: null, totalExclTax: null, priceIncludesTax: true, total: { amount: '16.72' } });
		expect(note.warnings.join('\n')).toMatch(/no tax split for this refund on amazon\.de, where prices include tax/);
		expectConsistent(note);
	});

	test('no tax on a marketplace whose prices exclude tax is 0 tax, not unknown', () => {
		const report = settlement('settlement-us-usd.tsv');
		const withoutTax: SettlementReport = { ...report, lines: report.lines.filter((line) => !/Tax/.test(line.amountDescription)) };
		const note = mapRefundToCreditNote(refundsFromSettlement(withoutTax)[0]);
		expect(note).toMatchObject({ taxStatus: 'amazon', totals: { tax: { amount: '0.00' }, total: { amount: '12.99' } } });
	});

	test('an amount of no known kind counts in the settlement amount and is named in a warning', () => {
		const report = settlement('settlement-uk-gbp-negative.tsv');
		const refund = refundsFromSettlement(report)[0];
		refund.components.push({ sku: null, orderItemCode: null, quantity: null, amountType: 'other-transaction', amountDescription: 'Misc adjustment', amount: -12 });
		const note = mapRefundToCreditNote(refund);
		expect(note.totals.other.amount).toBe('-0.12');
		expect(note.warnings.join('\n')).toMatch(/"other-transaction \/ Misc adjustment" \(-0.12 GBP\) is of no known refund kind/);
		expectConsistent(note);
	});
});

describe('a Finances 2024-06-19 refund transaction', () => {
	const example = loadModel('finances_2024-06-19.json').definitions.Transaction.example;
	const money = (currencyAmount: number) => ({ currencyCode: 'USD', currencyAmount });
	const leaf = (breakdownType: string, amount: number) => ({ breakdownType, breakdownAmount: money(amount), breakdowns: [] });
	const refundTransaction = () => ({
		...JSON.parse(JSON.stringify(example)),
		transactionType: 'Refund',
		description: 'Refund Order',
		transactionId: 'rfnd-7QX2',
		postedDate: '2026-01-12T10:15:00Z',
		relatedIdentifiers: [
			{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: '112-4830291-5567213' },
			{ relatedIdentifierName: 'REFUND_ID', relatedIdentifierValue: 'amzn1.adj.112-4830291-1' },
		],
		totalAmount: money(-11.43),
		breakdowns: [],
		items: [
			{
				description: 'Cork Coaster Set of 4, Round',
				totalAmount: money(-11.43),
				relatedIdentifiers: [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: '48213370551203' }],
				contexts: [{ contextType: 'ProductContext', sku: 'COASTER-SET-4', asin: 'B0B9HF6T1K', quantityShipped: 1, fulfillmentNetwork: 'MFN' }],
				breakdowns: [
					{ breakdownType: 'ProductCharges', breakdownAmount: money(-14.06), breakdowns: [leaf('Principal', -12.99), leaf('Tax', -1.07)] },
					leaf('MarketplaceFacilitatorTax', 1.07),
					{ breakdownType: 'AmazonFees', breakdownAmount: money(1.56), breakdowns: [leaf('Commission', 1.95), leaf('RefundCommission', -0.39)] },
				],
			},
		],
	});

	test('reads to the same credit note as the settlement rows of that refund', () => {
		const fromApi = mapRefundToCreditNote(refundFromTransaction(refundTransaction()));
		const fromReport = mapRefundToCreditNote(refundsFromSettlement(settlement('settlement-us-usd.tsv'))[0]);
		expect(fromApi).toMatchObject({ source: 'finances', reference: fromReport.reference, date: '2026-01-12', taxStatus: 'amazon' });
		expect(fromApi.lines.map(({ kind, sku, amount, tax, total }) => ({ kind, sku, amount, tax, total }))).toEqual(
			fromReport.lines.map(({ kind, sku, amount, tax, total }) => ({ kind, sku, amount, tax, total })),
		);
		expect(fromApi.totals).toEqual(fromReport.totals);
		expect(fromApi.reconciliation).toEqual({ ok: true, status: 'matched', stated: { amount: '-11.43', currency: 'USD' }, computed: { amount: '-11.43', currency: 'USD' } });
		expectConsistent(fromApi);
	});

	test("a total Amazon's amounts do not reach is reported", () => {
		const transaction = refundTransaction();
		transaction.totalAmount = money(-11.44);
		const note = mapRefundToCreditNote(refundFromTransaction(transaction));
		expect(note.reconciliation).toMatchObject({ ok: false, status: 'mismatch' });
		expect(note.warnings.join('\n')).toMatch(/Amazon states -11.44 USD for this refund but its amounts add up to -11.43/);
	});

	test('a refund as JSON (an n8n item) reads back the same, from either form', () => {
		const source = refundFromTransaction(refundTransaction());
		expect(readRefund(JSON.parse(JSON.stringify(source)))).toEqual(source);
		expect(readRefund(refundTransaction())).toEqual(source);
	});

	test('bad refund JSON names the field', async () => {
		const source = JSON.parse(JSON.stringify(refundFromTransaction(refundTransaction())));
		source.components[1].amount = 1.07;
		const error = await caught(() => readRefund(source, 'refund'), OrderMappingError);
		expect(error.path).toBe('refund.components[1].amount');
		expect((await caught(() => readRefund('x'), OrderMappingError)).reason).toMatch(/must be a refund/);
	});
});

describe('what each refund amount is', () => {
	test.each([
		['ItemPrice', 'Principal', { kind: 'customer', line: 'product', tax: false }],
		['ItemPrice', 'Tax', { kind: 'customer', line: 'product', tax: true }],
		['ItemPrice', 'Shipping', { kind: 'customer', line: 'shipping', tax: false }],
		['ItemPrice', 'ShippingTax', { kind: 'customer', line: 'shipping', tax: true }],
		['ItemPrice', 'GiftWrap', { kind: 'customer', line: 'giftWrap', tax: false }],
		['ItemPrice', 'GiftWrapTax', { kind: 'customer', line: 'giftWrap', tax: true }],
		['ItemPrice', 'RestockingFee', { kind: 'customer', line: 'charge', tax: false }],
		['ItemPrice', 'Goodwill', { kind: 'customer', line: 'charge', tax: false }],
		['Promotion', 'Principal', { kind: 'customer', line: 'promotion', tax: false }],
		['Promotion', 'Shipping', { kind: 'customer', line: 'shippingPromotion', tax: false }],
		['ItemFees', 'Commission', { kind: 'fee' }],
		['ItemFees', 'ShippingChargeback', { kind: 'fee' }],
		['ItemWithheldTax', 'MarketplaceFacilitatorTax-Principal', { kind: 'withheld' }],
		['AmazonFees', 'RefundCommission', { kind: 'fee' }],
		['Sales', 'Product Charges / Principle', { kind: 'customer', line: 'product', tax: false }],
		['other-transaction', 'Misc', { kind: 'other' }],
	])('%s / %s', (amountType, description, expected) => {
		expect(classifyRefundAmount(amountType, description)).toEqual(expected);
	});
});

describe('Odoo preset: out_refund', () => {
	const refund = refundsFromSettlement(settlement('settlement-de-eur.tsv'))[0];

	test('move_type out_refund, ref = order id + adjustment id, invoice lines as (0, 0, values)', () => {
		const odoo = toOdooCreditNote(mapRefundToCreditNote(refund, { offers: new Map([['TASSE-ROT', '31']]), promotionProduct: 'PROMO' }), { partnerId: '15', journalId: 3 });
		expect(odoo.accountMove).toEqual({
			move_type: 'out_refund',
			partner_id: 15,
			journal_id: 3,
			invoice_date: '2026-01-14',
			ref: '302-7654321-1098765/amzn1.adj.302-7654321-1',
			invoice_origin: '302-7654321-1098765',
			invoice_line_ids: [
				[0, 0, { product_id: 31, name: 'Refund [TASSE-ROT]', quantity: 1, price_unit: 16.72 }],
				[0, 0, { product_id: 'PROMO', name: 'Promotion taken back [TASSE-ROT]', quantity: 1, price_unit: -1.68 }],
			],
		});
		expect(odoo.priceIncludesTax).toBe(false);
		expect(odoo.totals.total.amount).toBe('18.22');
	});

	test('tax-included prices on request', () => {
		const odoo = toOdooCreditNote(mapRefundToCreditNote(refund), { priceIncludesTax: true });
		expect(odoo.accountMove.invoice_line_ids.map(([, , line]) => line.price_unit)).toEqual([19.9, -1.68]);
		expect(odoo.accountMove).not.toHaveProperty('partner_id');
	});

	test('no tax split: tax-included prices whatever was asked, and a warning', () => {
		const report = settlement('settlement-de-eur.tsv');
		const withoutTax: SettlementReport = { ...report, lines: report.lines.filter((line) => line.amountDescription !== 'Tax') };
		const odoo = toOdooCreditNote(mapRefundToCreditNote(refundsFromSettlement(withoutTax)[0]), { priceIncludesTax: false });
		expect(odoo.priceIncludesTax).toBe(true);
		expect(odoo.warnings.join('\n')).toMatch(/price_unit is given with tax included because Amazon gave no tax split/);
	});

	test('a quantity is given only when price × quantity gives the amount back exactly', () => {
		const note = mapRefundToCreditNote({ ...refund, components: refund.components.map((component) => ({ ...component, quantity: 2 })) });
		const [even] = toOdooCreditNote(note).accountMove.invoice_line_ids.map(([, , line]) => line);
		expect(even).toMatchObject({ quantity: 2, price_unit: 8.36 });
		const odd = mapRefundToCreditNote({ ...refund, components: refund.components.map((component) => ({ ...component, quantity: 3 })) });
		const [line] = toOdooCreditNote(odd).accountMove.invoice_line_ids.map(([, , values]) => values);
		expect(line).toMatchObject({ quantity: 1, price_unit: 16.72, name: 'Refund [TASSE-ROT] (3 units)' });
	});
});
