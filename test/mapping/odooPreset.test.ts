import { mapOrderToSalesOrder, toOdooPreset } from '../../nodes/AmazonSeller/mapping/salesOrder';
import { fixture } from './helpers';

/** The Odoo preset follows the Amazon connector's conventions for res.partner and sale.order(.line). */
describe('Odoo preset', () => {
	test('gift order: "[SKU] Title" line, shipping and gift wrap as product lines, gift message as a note line', () => {
		const order = mapOrderToSalesOrder(fixture('v0-us-fbm-gift-wrap.json'), { offers: new Map([['PUZZLE-1000-MAP', '17']]), shippingProduct: 'SHIP' });
		const odoo = toOdooPreset(order);
		expect(odoo.saleOrderLines.map((line) => [line.name, line.display_type, line.product_id])).toEqual([
			['[PUZZLE-1000-MAP] 1000 Piece Jigsaw Puzzle, Vintage World Map', false, 17],
			['Gift message:\nHappy birthday, Mia! Love, Grandma', 'line_note', null],
			['Shipping (Std US D2D Dom)', false, 'SHIP'],
			['Gift wrap (Classic) for [PUZZLE-1000-MAP] 1000 Piece Jigsaw Puzzle, Vintage World Map', false, null],
		]);
		expect(odoo.saleOrderLines.map((line) => line.sequence)).toEqual([0, 1, 2, 3]);
		expect(odoo.saleOrder).toMatchObject({
			origin: 'Amazon Order 114-2038475-6619302',
			client_order_ref: '114-2038475-6619302',
			date_order: '2025-03-14 16:05:22',
		});
		expect(odoo.createPicking).toBe(true);
		expect(odoo.stockMoves).toEqual([]);
	});

	test('tax-excluded price_unit backs the VAT out of tax-inclusive prices; discount is a percentage', () => {
		const order = mapOrderToSalesOrder(fixture('v0-fr-fba-promotion.json'));
		const [line] = toOdooPreset(order).saleOrderLines;
		// 49.90 with 8.32 VAT → 41.58 net; promotion 5.00 with 0.83 VAT → 4.17 net = 10.028860 %.
		expect(line.price_unit).toBeCloseTo(41.58, 10);
		expect(line.discount).toBeCloseTo((4.17 / 41.58) * 100, 5);
		expect(line.price_unit * (1 - line.discount / 100)).toBeCloseTo(Number(order.lines[0].totalExclTax?.amount), 10);
	});

	test('price_unit with tax included, for Odoo taxes included in price', () => {
		const order = mapOrderToSalesOrder(fixture('v0-us-fbm-multi-item.json'));
		const [mug] = toOdooPreset(order, { priceIncludesTax: true }).saleOrderLines;
		expect(mug.price_unit).toBeCloseTo((39.98 + 3.3) / 2, 10);
		const [inclusive] = toOdooPreset(mapOrderToSalesOrder(fixture('v0-de-fbm-business-vat.json')), { priceIncludesTax: true }).saleOrderLines;
		expect(inclusive.price_unit).toBeCloseTo(59.5, 10);
	});

	test('used items add the condition to the line name', () => {
		const odoo = toOdooPreset(mapOrderToSalesOrder(fixture('2026-fr-fbm-no-proceeds.json')));
		expect(odoo.saleOrderLines[1].name).toBe('[PORTE-SAVON-BOIS] Porte-savon en bois de hêtre\nCondition: USED - VERY_GOOD');
	});

	test('partners: matching key in ref, VAT number, a delivery partner only when it differs', () => {
		const business = toOdooPreset(mapOrderToSalesOrder(fixture('v0-de-fbm-business-vat.json')));
		expect(business.partner.values).toMatchObject({ name: 'Katrin Vogel', type: 'contact', is_company: true, vat: 'DE812345678', zip: '70565' });
		expect(business.partner.values.ref).toMatch(/^amz-/);
		expect(business.partner).toMatchObject({ countryCode: 'DE', stateOrRegion: 'Baden-Württemberg' });
		expect(business.deliveryPartner).toBeNull();

		const gift = toOdooPreset(mapOrderToSalesOrder(fixture('2026-gb-fbm-gift-discounts.json')));
		expect(gift.deliveryPartner?.values).toMatchObject({ name: 'Priya Shah', type: 'delivery', street: 'Flat 12, Harbour House', street2: '3 Quay Street' });
	});

	test('FBA: done stock moves from the Amazon FBA location, no picking', () => {
		const order = mapOrderToSalesOrder(fixture('2026-jp-fba-points.json'), { offers: new Map([['TENUGUI-SAKURA', 5], ['FUROSHIKI-70', 6]]) });
		const odoo = toOdooPreset(order);
		expect(odoo.createPicking).toBe(false);
		expect(odoo.stockMoves).toEqual([
			{ name: 'Amazon move: 250-4471029-3380216', product_id: 5, product_uom_qty: 1, quantity: 1, location: 'Amazon FBA', location_dest: 'Partners/Customers', state: 'done' },
			{ name: 'Amazon move: 250-4471029-3380216', product_id: 6, product_uom_qty: 2, quantity: 2, location: 'Amazon FBA', location_dest: 'Partners/Customers', state: 'done' },
		]);
		expect(odoo.saleOrderLines[0].price_unit).toBe(3980);
	});
});
