import { mapOrderToSalesOrder, type Money, type SalesOrder, type SalesOrderLine } from '../../nodes/AmazonSeller/mapping/salesOrder';
import { amazonTotal, fixture, fixtureNames, minor } from './helpers';

/**
 * Realistic orders in both shapes, one row each: what a user expects of the mapped sales order.
 * Every row's lines must add up to Amazon's own total to the cent (or, where Amazon sent none,
 * to the total worked out by hand from the fixture).
 */
interface Case {
	file: string;
	channel: 'FBA' | 'FBM';
	status: string;
	/** Line types in order. */
	lines: SalesOrderLine['type'][];
	/** The total; when Amazon gives one it must equal it. */
	total: string;
	reconciliation?: 'matched' | 'mismatch' | 'unavailable';
	customer?: string;
	fallbackName?: boolean;
	taxTreatment?: 'inclusive' | 'exclusive';
	/** Quantities to ship (FBM) or moved from Amazon FBA (FBA), by SKU; empty: nothing to do. */
	moves?: Record<string, number>;
	warning?: RegExp;
	check?: (order: SalesOrder) => void;
}

const cases: Case[] = [
	{
		file: 'v0-us-fbm-multi-item.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product', 'product', 'shipping'],
		total: '95.43',
		taxTreatment: 'exclusive',
		moves: { 'MUG-BLUE-12OZ': 2, 'COASTER-SET-4': 1 },
		check: (order) => {
			expect(order.lines[0]).toMatchObject({ name: '[MUG-BLUE-12OZ] Stoneware Coffee Mug 12 oz, Cobalt Blue', quantity: 2 });
			expect(order.lines[0].unitPrice.amount).toBe('19.99'); // v0 ItemPrice is the line total
			expect(order.lines[2]).toMatchObject({ code: 'Std US D2D Dom', subtotal: { amount: '5.99' }, tax: { amount: '0.49' } });
		},
	},
	{
		file: 'v0-us-fbm-promotions.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product', 'shipping'],
		total: '58.29',
		check: (order) => {
			expect(order.lines[0]).toMatchObject({ discount: { amount: '6.00' }, promotionIds: ['SAVE10PCT-TEA', 'FREESHIP-50'] });
			expect(order.lines[1]).toMatchObject({ subtotal: { amount: '7.99' }, discount: { amount: '7.99' }, total: { amount: '0.00' } });
		},
	},
	{
		file: 'v0-us-fbm-gift-wrap.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product', 'shipping', 'giftWrap'],
		total: '37.03',
		check: (order) => {
			const message = 'Happy birthday, Mia! Love, Grandma';
			expect(order.lines[0].giftMessage).toBe(message);
			expect(order.lines[2]).toMatchObject({ code: 'Classic', giftMessage: message, subtotal: { amount: '3.99' }, tax: { amount: '0.36' } });
			expect(order.fulfillment.instructions).toContain(message);
		},
	},
	{
		file: 'v0-de-fbm-business-vat.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product', 'shipping'],
		total: '303.45',
		taxTreatment: 'inclusive',
		check: (order) => {
			expect(order).toMatchObject({ isBusinessOrder: true, pricesIncludeTax: true, currency: 'EUR' });
			expect(order.customer).toMatchObject({ companyName: 'Vogel Messtechnik GmbH', taxId: 'DE812345678', purchaseOrderNumber: 'BE-2025-0412', isCompany: true });
			// 297.50 gross with 47.50 VAT inside: 250.00 net.
			expect(order.lines[0]).toMatchObject({ priceIncludesTax: true, totalExclTax: { amount: '250.00' }, total: { amount: '297.50' } });
		},
	},
	{
		file: 'v0-us-canceled.json',
		channel: 'FBM',
		status: 'CANCELLED',
		lines: ['product'],
		total: '0.00',
		reconciliation: 'unavailable',
		fallbackName: true,
		moves: {},
	},
	{
		file: 'v0-us-fbm-partially-shipped.json',
		channel: 'FBM',
		status: 'PARTIALLY_SHIPPED',
		lines: ['product', 'product', 'shipping'],
		total: '66.89',
		moves: { 'SOCKS-WOOL-M': 2, 'LACES-ROUND-120': 0 },
	},
	{
		file: 'v0-us-fba-no-name.json',
		channel: 'FBA',
		status: 'SHIPPED',
		lines: ['product'],
		total: '34.62',
		customer: 'Amazon Customer # 113-3385021-9902647',
		fallbackName: true,
		moves: { 'BOTTLE-SS-750': 2 },
		check: (order) => {
			expect(order.buyerDataAvailable).toBe(false);
			expect(order.isPrime).toBe(true);
			expect(order.delivery.address).toMatchObject({ city: 'AUSTIN', postalCode: '78701-1234', line1: null });
		},
	},
	{
		file: 'v0-fr-fba-promotion.json',
		channel: 'FBA',
		status: 'SHIPPED',
		lines: ['product', 'shipping'],
		total: '44.90',
		taxTreatment: 'inclusive',
		moves: { 'THERMO-CUISINE': 1 },
		check: (order) => {
			// VAT due is the item's VAT less the VAT inside the promotion.
			expect(order.lines[0]).toMatchObject({ discount: { amount: '5.00' }, discountTax: { amount: '0.83' }, tax: { amount: '7.49' }, total: { amount: '44.90' } });
		},
	},
	{
		file: 'v0-jp-fbm-tax-included.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product', 'product', 'shipping'],
		total: '7790',
		taxTreatment: 'inclusive',
		check: (order) => {
			expect(order.currency).toBe('JPY');
			expect(order.taxStatus).toBe('amazon'); // v0 ItemTax splits the consumption tax out
			expect(order.lines[1].pointsGranted).toEqual({ points: 12, value: { amount: '12', currency: 'JPY' } });
			expect(order.pointsGranted).toEqual({ points: 12, value: { amount: '12', currency: 'JPY' } });
			expect(order.lines[0].unitPrice.amount).toBe('2980');
			expect(order.lines[1].subtotal.amount).toBe('1280');
			expect(order.customer.name).toBe('佐藤 健');
		},
	},
	{
		file: 'v0-us-replacement-zero.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product'],
		total: '0.00',
		moves: { 'MUG-BLUE-12OZ': 1 },
		check: (order) => expect(order).toMatchObject({ isReplacement: true, replacedOrderId: '112-4830291-5567213' }),
	},
	{
		file: 'v0-ca-api-envelopes.json',
		channel: 'FBM',
		status: 'SHIPPED',
		lines: ['product', 'product', 'shipping'],
		total: '129.93',
		moves: { 'KETTLE-GOOSE-1L': 0, 'FILTER-PAPER-100': 0 },
		check: (order) => expect(order.fulfillment.done).toBe(true),
	},
	{
		file: 'v0-gb-fbm-total-mismatch.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product', 'shipping'],
		total: '32.96',
		reconciliation: 'mismatch',
		warning: /32\.96 GBP but Amazon's order total is 32\.97 GBP/,
		check: (order) => {
			expect(order.reconciliation).toEqual({
				ok: false,
				status: 'mismatch',
				expected: { amount: '32.97', currency: 'GBP' },
				computed: { amount: '32.96', currency: 'GBP' },
				difference: { amount: '-0.01', currency: 'GBP' },
			});
		},
	},
	{
		file: '2026-us-fbm-multi-item-tip.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product', 'product', 'shipping', 'charge'],
		total: '95.31',
		taxTreatment: 'exclusive',
		check: (order) => {
			expect(order.lines[2]).toMatchObject({ subtotal: { amount: '6.99' }, tax: { amount: '0.56' } });
			expect(order.lines[3]).toMatchObject({ code: 'DELIVERY_TIP', total: { amount: '3.00' } });
		},
	},
	{
		file: '2026-gb-fbm-gift-discounts.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product', 'shipping', 'giftWrap'],
		total: '43.80',
		check: (order) => {
			expect(order.lines[0]).toMatchObject({ discount: { amount: '6.00' }, discountTax: { amount: '1.20' }, tax: { amount: '6.80' } });
			expect(order.lines[1]).toMatchObject({ discount: { amount: '4.99' }, total: { amount: '0.00' } });
			expect(order.lines[2]).toMatchObject({ code: 'STANDARD', total: { amount: '3.00' } });
			expect(order.delivery).toMatchObject({ name: 'Priya Shah', sameAsCustomer: false });
			expect(order.fulfillment.instructions).toBe(
				'Reception desk\nBuzz flat 12; parcel shelf inside the lobby\nGift message for [TEAPOT-CAST-900] Cast Iron Teapot 900 ml, Jade: Congratulations on the new job! Love, Sam',
			);
		},
	},
	{
		file: '2026-de-fbm-business-vat.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product'],
		total: '399.98',
		check: (order) => {
			expect(order.isBusinessOrder).toBe(true);
			expect(order.customer).toMatchObject({ taxId: 'DE298765432', companyName: 'Becker Logistik KG', purchaseOrderNumber: 'BL-4471' });
		},
	},
	{
		file: '2026-it-fba-tax-inside-item.json',
		channel: 'FBA',
		status: 'SHIPPED',
		lines: ['product'],
		total: '29.90',
		taxTreatment: 'inclusive',
		warning: /matches only if prices include tax/,
		moves: { 'MOKA-3TAZZE': 1 },
	},
	{
		file: '2026-us-fba-no-buyer-partial.json',
		channel: 'FBA',
		status: 'PARTIALLY_SHIPPED',
		lines: ['product', 'product'],
		total: '62.77',
		customer: 'Amazon Customer # 113-8820193-6674501',
		fallbackName: true,
		moves: { 'YOGA-MAT-6MM': 1 },
	},
	{
		file: '2026-jp-fba-points.json',
		channel: 'FBA',
		status: 'SHIPPED',
		lines: ['product', 'product'],
		total: '6380',
		// No TAX breakdown: prices are as the JP marketplace shows them, tax included.
		taxTreatment: 'inclusive',
		moves: { 'TENUGUI-SAKURA': 1, 'FUROSHIKI-70': 2 },
		// Issue 12: the gross total must not be presented as net, and the points must show.
		warning: /no tax split for any line on amazon\.co\.jp.*unknown \(null\)/,
		check: (order) => {
			expect(order.taxStatus).toBe('unknown');
			expect(order.totals).toMatchObject({ total: { amount: '6380' }, tax: null, totalExclTax: null });
			expect(order.lines[0]).toMatchObject({ tax: null, totalExclTax: null, priceIncludesTax: true, pointsGranted: { points: 40, value: { amount: '40', currency: 'JPY' } } });
			expect(order.lines[1].pointsGranted).toBeNull();
			expect(order.pointsGranted).toEqual({ points: 40, value: { amount: '40', currency: 'JPY' } });
		},
	},
	{
		file: '2026-gb-fbm-cancelled.json',
		channel: 'FBM',
		status: 'CANCELLED',
		lines: ['product'],
		total: '0.00',
		moves: {},
	},
	{
		file: '2026-fr-fbm-no-proceeds.json',
		channel: 'FBM',
		status: 'UNSHIPPED',
		lines: ['product', 'product'],
		total: '47.30', // 2 × 19.90 + 7.50
		reconciliation: 'unavailable',
		warning: /without PROCEEDS/,
		check: (order) => expect(order.lines[1].condition).toEqual({ type: 'USED', subtype: 'VERY_GOOD', note: null }),
	},
];

test('every fixture has a row', () => {
	expect(cases.map((row) => row.file).sort()).toEqual(fixtureNames().sort());
	expect(cases.length).toBeGreaterThanOrEqual(15);
});

describe.each(cases)('$file', (row) => {
	const input = fixture(row.file);
	const order = mapOrderToSalesOrder(input);

	test('reads channel, status and lines', () => {
		expect(order.channel).toBe(row.channel);
		expect(order.status).toBe(row.status);
		expect(order.lines.map((line) => line.type)).toEqual(row.lines);
		if (row.taxTreatment) expect(order.taxTreatment).toBe(row.taxTreatment);
	});

	test('totals reconcile with Amazon to the cent', () => {
		expect(order.totals.total.amount).toBe(row.total);
		const status = row.reconciliation ?? 'matched';
		expect(order.reconciliation.status).toBe(status);
		expect(order.reconciliation.ok).toBe(status !== 'mismatch');
		const expected = amazonTotal(input);
		if (status === 'unavailable') expect(expected).toBeUndefined();
		else expect(order.reconciliation.expected?.amount).toBe(expected);
	});

	test('each line adds up and the lines add up to the totals', () => {
		for (const line of order.lines) {
			if (line.tax === null) {
				// No tax split from Amazon on a tax-included price: gross stays gross, net is not invented.
				expect(line).toMatchObject({ taxStatus: 'unknown', priceIncludesTax: true, totalExclTax: null, discountTax: null });
				expect(minor(line.total)).toBe(minor(line.subtotal) - minor(line.discount));
				continue;
			}
			const taxOnTop = line.priceIncludesTax ? 0 : minor(line.tax);
			expect(minor(line.total)).toBe(minor(line.subtotal) - minor(line.discount) + taxOnTop);
			expect(minor(line.totalExclTax as Money)).toBe(minor(line.total) - minor(line.tax));
			for (const money of [line.unitPrice, line.subtotal, line.discount, line.tax, line.total]) expect(money.currency).toBe(order.currency);
		}
		const sum = (pick: (line: SalesOrderLine) => number) => order.lines.reduce((total, line) => total + pick(line), 0);
		expect(sum((line) => minor(line.total))).toBe(minor(order.totals.total));
		expect(sum((line) => minor(line.discount))).toBe(minor(order.totals.discount));
		const unknown = order.lines.some((line) => line.taxStatus === 'unknown');
		expect(order.taxStatus).toBe(unknown ? 'unknown' : 'amazon');
		if (unknown) {
			expect(order.totals).toMatchObject({ tax: null, totalExclTax: null });
		} else {
			expect(sum((line) => minor(line.tax as Money))).toBe(minor(order.totals.tax as Money));
			expect(minor(order.totals.totalExclTax as Money)).toBe(minor(order.totals.total) - minor(order.totals.tax as Money));
		}
	});

	test('partners', () => {
		if (row.customer) expect(order.customer.name).toBe(row.customer);
		expect(order.customer.isFallbackName).toBe(row.fallbackName ?? false);
		if (row.fallbackName) expect(order.customer.name).toBe(`Amazon Customer # ${order.reference}`);
		expect(order.customer.matchingKey).toMatch(/^amz-[0-9a-f]{20}$/);
	});

	test('fulfilment', () => {
		expect(order.fulfillment.type).toBe(row.channel === 'FBA' ? 'stockMoves' : 'deliveryOrder');
		if (row.channel === 'FBA') expect(order.fulfillment).toMatchObject({ done: true, sourceLocation: 'Amazon FBA' });
		if (!row.moves) return;
		const quantities = Object.fromEntries(
			order.fulfillment.moves.map((move) => [move.sku, row.channel === 'FBA' ? move.quantity : move.quantityToShip]),
		);
		expect(quantities).toEqual(row.moves);
		expect(order.fulfillment.create).toBe(order.fulfillment.moves.length > 0);
	});

	test('warnings', () => {
		if (row.warning) expect(order.warnings.join('\n')).toMatch(row.warning);
		else expect(order.warnings).toEqual([]);
	});

	if (row.check) test('specifics', () => row.check?.(order));
});
