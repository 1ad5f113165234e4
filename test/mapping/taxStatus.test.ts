import { mapOrderToSalesOrder, OrderMappingError, toOdooPreset } from '../../nodes/AmazonSeller/mapping/salesOrder';
import { caught, fixture, minor } from './helpers';

/**
 * Issue 12 part 3: the sales order and the settlement tell the same story. On tax-included
 * marketplaces Amazon may give no tax split; the sales order must then never present the gross
 * amount as net, compute net only from rates the user supplies, show Amazon Points, and say why
 * pending and cancelled orders have no PROCEEDS.
 */
const jp = () => fixture('2026-jp-fba-points.json');

describe('tax-included amounts without a tax split', () => {
	test('without rates: tax and net are unknown (null), the total stays Amazon’s gross', () => {
		const order = mapOrderToSalesOrder(jp());
		expect(order.taxStatus).toBe('unknown');
		expect(order.totals).toEqual({
			subtotal: { amount: '6380', currency: 'JPY' },
			discount: { amount: '0', currency: 'JPY' },
			tax: null,
			totalExclTax: null,
			total: { amount: '6380', currency: 'JPY' },
		});
		for (const line of order.lines) expect(line).toMatchObject({ taxStatus: 'unknown', tax: null, totalExclTax: null, priceIncludesTax: true });
		expect(order.reconciliation.status).toBe('matched');
	});

	test('a marketplace rate computes the tax inside the gross amount, exactly and per line', () => {
		const order = mapOrderToSalesOrder(jp(), { taxRates: { marketplaces: { JP: 10 } } });
		expect(order.taxStatus).toBe('rate');
		// 3980 × 10/110 = 361.8 → 362; 2400 × 10/110 = 218.2 → 218.
		expect(order.lines.map((line) => [line.tax?.amount, line.totalExclTax?.amount, line.taxRate, line.taxStatus])).toEqual([
			['362', '3618', '10', 'rate'],
			['218', '2182', '10', 'rate'],
		]);
		expect(order.totals).toMatchObject({ tax: { amount: '580' }, totalExclTax: { amount: '5800' }, total: { amount: '6380' } });
		expect(order.warnings.join('\n')).not.toMatch(/no tax split/);
		expect(order.reconciliation.status).toBe('matched');
	});

	test('a SKU rate (a reduced rate) beats the marketplace rate; a marketplace id works as well as its country', () => {
		const order = mapOrderToSalesOrder(jp(), { taxRates: { skus: { 'FUROSHIKI-70': '8' }, marketplaces: { A1VC38T7YXB528: 10 } } });
		expect(order.lines[0].tax?.amount).toBe('362');
		expect(order.lines[1]).toMatchObject({ taxRate: '8', tax: { amount: '178' } }); // 2400 × 8/108 = 177.8
	});

	test('the delivery country decides before the marketplace (EU distance sales)', () => {
		const order = mapOrderToSalesOrder(fixture('2026-fr-fbm-no-proceeds.json'), { taxRates: { countries: { FR: '20' }, marketplaces: { FR: 5.5 } } });
		// 2 × 19.90 = 39.80 gross → 6.63 VAT; 7.50 → 1.25.
		expect(order.lines.map((line) => [line.tax?.amount, line.taxRate])).toEqual([
			['6.63', '20'],
			['1.25', '20'],
		]);
	});

	test('Amazon’s own tax is never replaced by a rate', () => {
		const order = mapOrderToSalesOrder(fixture('v0-de-fbm-business-vat.json'), { taxRates: { marketplaces: { DE: 7 } } });
		expect(order.taxStatus).toBe('amazon');
		expect(order.lines[0]).toMatchObject({ tax: { amount: '47.50' }, totalExclTax: { amount: '250.00' }, taxStatus: 'amazon', taxRate: null });
	});

	test('rates that do not apply leave the tax unknown, and the warning says so', () => {
		const order = mapOrderToSalesOrder(jp(), { taxRates: { marketplaces: { DE: 19 } } });
		expect(order.taxStatus).toBe('unknown');
		expect(order.warnings.join('\n')).toMatch(/none of the tax rates given applies/);
	});

	test('a v0 order whose ItemTax is 0 on a tax-included marketplace is unknown too, not tax-free', () => {
		const input = fixture('v0-jp-fbm-tax-included.json');
		for (const item of input.OrderItems) {
			item.ItemTax.Amount = '0';
			if (item.ShippingTax) item.ShippingTax.Amount = '0';
		}
		input.OrderTotal.Amount = String(input.OrderItems.reduce((sum: number, item: any) => sum + Number(item.ItemPrice.Amount) + Number(item.ShippingPrice?.Amount ?? 0), 0));
		const order = mapOrderToSalesOrder(input);
		expect(order.taxStatus).toBe('unknown');
		expect(order.totals.totalExclTax).toBeNull();
		expect(order.reconciliation.status).toBe('matched');
	});

	test('on a marketplace whose prices exclude tax, no tax is 0 tax, not unknown', () => {
		const input = fixture('v0-us-fbm-multi-item.json');
		for (const item of input.OrderItems) {
			item.ItemTax.Amount = '0.00';
			if (item.ShippingTax) item.ShippingTax.Amount = '0.00';
		}
		delete input.OrderTotal;
		const order = mapOrderToSalesOrder(input);
		expect(order.taxStatus).toBe('amazon');
		expect(minor(order.totals.tax!)).toBe(0);
		expect(order.totals.totalExclTax).toEqual(order.totals.total);
	});

	test.each([
		[{ marketplaces: { XX: 19 } }, 'taxRates.marketplaces.XX', /neither an Amazon marketplace id nor the country code/],
		[{ countries: { France: 20 } }, 'taxRates.countries.France', /two-letter country code/],
		[{ skus: { A: 100 } }, 'taxRates.skus.A', /from 0 to below 100/],
		[{ skus: { A: '19%' } }, 'taxRates.skus.A', /rate in percent/],
		[{ vat: { DE: 19 } }, 'taxRates.vat', /is not one of skus, countries, marketplaces/],
	])('bad rate table %j is refused naming the field', async (taxRates, path, reason) => {
		const error = await caught(() => mapOrderToSalesOrder(jp(), { taxRates }), OrderMappingError);
		expect(error.path).toBe(path);
		expect(error.reason).toMatch(reason);
	});
});

describe('Odoo preset with tax-included lines', () => {
	test('no tax split: price_unit is tax-included even when tax-excluded prices were asked for, and the preset says so', () => {
		const odoo = toOdooPreset(mapOrderToSalesOrder(jp()), { priceIncludesTax: false });
		expect(odoo.priceIncludesTax).toBe(true);
		expect(odoo.saleOrderLines.map((line) => line.price_unit)).toEqual([3980, 1200]);
	});

	test('with a rate the net price can be given, as asked', () => {
		const odoo = toOdooPreset(mapOrderToSalesOrder(jp(), { taxRates: { marketplaces: { JP: 10 } } }));
		expect(odoo.priceIncludesTax).toBe(false);
		expect(odoo.saleOrderLines.map((line) => line.price_unit)).toEqual([3618, 1091]);
	});

	test('points are carried to the preset', () => {
		expect(toOdooPreset(mapOrderToSalesOrder(jp())).pointsGranted).toEqual({ points: 40, value: { amount: '40', currency: 'JPY' } });
	});
});

describe('Amazon Points', () => {
	test('points without a monetary value are shown and get a warning that they cannot be booked', () => {
		const input = jp();
		delete input.orderItems[0].expense.pointsCost.pointsGranted.pointsMonetaryValue;
		const order = mapOrderToSalesOrder(input);
		expect(order.pointsGranted).toEqual({ points: 40, value: null });
		expect(order.warnings.join('\n')).toMatch(/granted 40 Amazon Points on this order but sent no monetary value.*cannot be booked/);
	});

	test('points in another currency than the order are refused', async () => {
		const input = jp();
		input.orderItems[0].expense.pointsCost.pointsGranted.pointsMonetaryValue.currencyCode = 'USD';
		const error = await caught(() => mapOrderToSalesOrder(input), OrderMappingError);
		expect(error.path).toBe('orderItems[0].expense.pointsCost.pointsGranted.pointsMonetaryValue.currencyCode');
	});
});

describe('orders Amazon sends without PROCEEDS', () => {
	const withStatus = (status: string) => {
		const input = fixture('2026-fr-fbm-no-proceeds.json');
		input.fulfillment.fulfillmentStatus = status;
		return mapOrderToSalesOrder(input).warnings.join('\n');
	};

	test.each([
		['PENDING', /Amazon sends no PROCEEDS for pending orders/],
		['PENDING_AVAILABILITY', /Amazon sends no PROCEEDS for pending orders/],
		['CANCELLED', /Amazon sends no PROCEEDS for cancelled orders/],
	])('%s: the warning says Amazon omits them, not that they were not requested', (status, expected) => {
		const warnings = withStatus(status);
		expect(warnings).toMatch(expected);
		expect(warnings).not.toMatch(/not requested/);
	});

	test('pending: the missing total is explained too', () => {
		expect(withStatus('PENDING')).toMatch(/no order total for pending orders/);
	});

	test('an unshipped order without PROCEEDS was not asked for them', () => {
		expect(withStatus('UNSHIPPED')).toMatch(/not requested with includedData/);
	});
});
