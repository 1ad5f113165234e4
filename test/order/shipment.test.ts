import type { RawShipmentInput } from '../../nodes/AmazonSeller/rules/shipment';
import { planShipment, readShipmentInput } from '../../nodes/AmazonSeller/rules/shipment';
import { fbmOrder, inputError, NOW } from './fixtures';

const valid: RawShipmentInput = {
	orderId: '902-1106328-1059050',
	carrierCode: 'UPS',
	trackingNumber: '1Z999AA10123456784',
	packageReferenceId: '1',
};


describe('Confirm Shipment input', () => {
	it.each([
		['malformed order id', { orderId: '902-1106328' }, 'Order ID', /3-7-7/],
		['ERP order number instead of Amazon id', { orderId: 'SO-10042' }, 'Order ID', /not an Amazon order id/],
		['unknown carrier', { carrierCode: 'Pony Express' }, 'Carrier', /"Pony Express" is not one of Amazon's carrier codes/],
		['"Other" without a name', { carrierCode: 'Other', carrierName: '  ' }, 'Carrier Name', /Carrier Name is empty/],
		['empty tracking number', { trackingNumber: '   ' }, 'Tracking Number', /Tracking Number is empty/],
		['tracking number over 50 characters', { trackingNumber: 'X'.repeat(51) }, 'Tracking Number', /51 characters long; Amazon takes at most 50/],
		['carrier name over 50 characters', { carrierCode: 'Other', carrierName: 'C'.repeat(60) }, 'Carrier Name', /60 characters long/],
		['shipping method over 50 characters', { shippingMethod: 'M'.repeat(70) }, 'Shipping Method', /70 characters long/],
		['non-numeric package reference', { packageReferenceId: 'PKG-1' }, 'Package Reference', /not a positive whole number/],
		['zero package reference', { packageReferenceId: '0' }, 'Package Reference', /not a positive whole number/],
		['future ship date', { shipDate: '2026-01-06T12:00:00Z' }, 'Ship Date', /in the future/],
		['unreadable ship date', { shipDate: 'next tuesday' }, 'Ship Date', /not a date/],
		['zero quantity', { items: [{ orderItemId: '11111111111111', quantity: 0 }] }, 'Quantity', /not a whole number of at least 1/],
		['item listed twice', { items: [{ orderItemId: '1', quantity: 1 }, { orderItemId: '1', quantity: 1 }] }, 'Items', /listed twice/],
		[
			'transparency codes not one per unit',
			{ items: [{ orderItemId: '11111111111111', quantity: 2, transparencyCodes: 'AAA' }] },
			'Items',
			/1 transparency code\(s\) for quantity 2/,
		],
		['items JSON that is not JSON', { items: '[{orderItemId:', itemsField: 'Items (JSON)' }, 'Items (JSON)', /not valid JSON/],
		['bad marketplace id', { marketplaceId: 'amazon.com' }, 'Marketplace', /not an Amazon marketplace id/],
	])('rejects %s, naming the field', (_case, change, field, message) => {
		const error = inputError(() => readShipmentInput({ ...valid, ...change } as RawShipmentInput, NOW));
		expect(error.field).toBe(field);
		expect(error.message).toMatch(message);
	});

	it('names the order in errors about the other fields', () => {
		expect(inputError(() => readShipmentInput({ ...valid, trackingNumber: '' }, NOW)).subject).toBe('order 902-1106328-1059050');
	});

	it('accepts carrier codes in any letter case and sends Amazon\'s spelling', () => {
		expect(readShipmentInput({ ...valid, carrierCode: 'royal mail' }, NOW).carrierCode).toBe('Royal Mail');
	});

	it('sends the carrier name only with "Other"', () => {
		expect(readShipmentInput({ ...valid, carrierCode: 'Other', carrierName: 'Speedy Couriers' }, NOW)).toMatchObject({
			carrierCode: 'Other',
			carrierName: 'Speedy Couriers',
		});
		expect(readShipmentInput({ ...valid, carrierName: 'ignored' }, NOW).carrierName).toBeUndefined();
	});

	it('ships now when no ship date is given, and keeps a past date', () => {
		expect(readShipmentInput(valid, NOW).shipDate).toBe('2026-01-05T12:00:00.000Z');
		expect(readShipmentInput({ ...valid, shipDate: '2026-01-05T08:30:00+01:00' }, NOW).shipDate).toBe('2026-01-05T07:30:00.000Z');
	});

	it("reads a date or time without a zone in the workflow's time zone", () => {
		// 12:00 UTC is already 01:00 on 6 January in Auckland (UTC+13) and 21:00 on 5 January in Tokyo.
		expect(readShipmentInput({ ...valid, shipDate: '2026-01-06', timezone: 'Pacific/Auckland' }, NOW).shipDate).toBe('2026-01-05T11:00:00.000Z');
		expect(readShipmentInput({ ...valid, shipDate: '2026-01-05T20:00:00', timezone: 'Asia/Tokyo' }, NOW).shipDate).toBe('2026-01-05T11:00:00.000Z');
		expect(inputError(() => readShipmentInput({ ...valid, shipDate: '2026-01-05T20:00:00' }, NOW)).field).toBe('Ship Date');
		expect(inputError(() => readShipmentInput({ ...valid, shipDate: '2026-01-06' }, NOW)).message).toMatch(/in the future/);
	});

	it('reads items from JSON text with transparency codes as a list', () => {
		const input = readShipmentInput(
			{ ...valid, items: '[{"orderItemId": "11111111111111", "quantity": "2", "transparencyCodes": ["A1", "A2"]}]' },
			NOW,
		);
		expect(input.items).toEqual([{ orderItemId: '11111111111111', quantity: 2, transparencyCodes: ['A1', 'A2'] }]);
	});
});

describe('Confirm Shipment against the order', () => {
	const skip = { skipAlreadyConfirmed: false };

	it('ships every unshipped item with its remaining units by default, in the order\'s marketplace', () => {
		const order = fbmOrder();
		order.orderItems[0].fulfillment = { quantityFulfilled: 1, quantityUnfulfilled: 1 };
		order.fulfillment = { fulfillmentStatus: 'PARTIALLY_SHIPPED', fulfilledBy: 'MERCHANT' };
		const plan = planShipment(readShipmentInput(valid, NOW), order, skip);
		expect(plan).toEqual({
			action: 'confirm',
			request: {
				marketplaceId: 'ATVPDKIKX0DER',
				packageDetail: {
					packageReferenceId: '1',
					carrierCode: 'UPS',
					trackingNumber: '1Z999AA10123456784',
					shipDate: '2026-01-05T12:00:00.000Z',
					orderItems: [
						{ orderItemId: '11111111111111', quantity: 1 },
						{ orderItemId: '22222222222222', quantity: 1 },
					],
				},
			},
		});
	});

	it('rejects an Amazon-fulfilled order', () => {
		const error = inputError(() => planShipment(readShipmentInput(valid, NOW), fbmOrder({ fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'AMAZON' } }), skip));
		expect(error.message).toMatch(/fulfilled by Amazon/);
		expect(error.subject).toBe('order 902-1106328-1059050');
	});

	it('rejects a quantity above what remains, saying what was ordered and shipped', () => {
		const order = fbmOrder();
		order.orderItems[0].fulfillment = { quantityFulfilled: 1, quantityUnfulfilled: 1 };
		const input = readShipmentInput({ ...valid, items: [{ orderItemId: '11111111111111', quantity: 2 }] }, NOW);
		const error = inputError(() => planShipment(input, order, skip));
		expect(error.field).toBe('Quantity');
		expect(error.message).toMatch(/above the 1 unit\(s\) still to ship \(2 ordered, 1 shipped\)/);
	});

	it('rejects an order item that is not in the order, listing the ones that are', () => {
		const input = readShipmentInput({ ...valid, items: [{ orderItemId: '99999999999999', quantity: 1 }] }, NOW);
		const error = inputError(() => planShipment(input, fbmOrder(), skip));
		expect(error.field).toBe('Order Item ID');
		expect(error.message).toMatch(/99999999999999 is not in order .* 11111111111111, 22222222222222/);
	});

	it.each([
		['CANCELLED', /canceled/],
		['PENDING', /payment is not authorized/],
	] as const)('rejects a %s order', (status, message) => {
		const order = fbmOrder({ fulfillment: { fulfillmentStatus: status, fulfilledBy: 'MERCHANT' } });
		expect(inputError(() => planShipment(readShipmentInput(valid, NOW), order, skip)).message).toMatch(message);
	});

	it('rejects a marketplace that is not the order\'s', () => {
		const error = inputError(() => planShipment(readShipmentInput({ ...valid, marketplaceId: 'A2EUQ1WTGCTBG2' }, NOW), fbmOrder(), skip));
		expect(error.field).toBe('Marketplace');
	});

	it('rejects a ship date before the order was placed', () => {
		const error = inputError(() => planShipment(readShipmentInput({ ...valid, shipDate: '2026-01-01T00:00:00Z' }, NOW), fbmOrder(), skip));
		expect(error.field).toBe('Ship Date');
	});

	describe('a package Amazon already has', () => {
		const shipped = fbmOrder({
			fulfillment: { fulfillmentStatus: 'SHIPPED', fulfilledBy: 'MERCHANT' },
			orderItems: [{ orderItemId: '11111111111111', quantityOrdered: 2, fulfillment: { quantityFulfilled: 2, quantityUnfulfilled: 0 } }],
			packages: [{ packageReferenceId: '1', trackingNumber: '1Z999AA10123456784' }],
		});

		it('is an error by default', () => {
			expect(inputError(() => planShipment(readShipmentInput(valid, NOW), shipped, skip)).message).toMatch(/Package 1 .* already confirmed/);
		});

		it('is a non-fatal "already confirmed" result when asked to skip it', () => {
			expect(planShipment(readShipmentInput(valid, NOW), shipped, { skipAlreadyConfirmed: true })).toEqual({
				action: 'alreadyConfirmed',
				marketplaceId: 'ATVPDKIKX0DER',
				reason: 'Package 1 of order 902-1106328-1059050 was already confirmed (tracking 1Z999AA10123456784)',
			});
		});

		it('covers a fully shipped order confirmed under another package reference', () => {
			const plan = planShipment(readShipmentInput({ ...valid, packageReferenceId: '7' }, NOW), shipped, { skipAlreadyConfirmed: true });
			expect(plan).toMatchObject({ action: 'alreadyConfirmed', reason: 'Order 902-1106328-1059050 is already fully shipped' });
		});
	});

	describe('without reading the order', () => {
		it('needs the items and the marketplace', () => {
			expect(inputError(() => planShipment(readShipmentInput({ ...valid, marketplaceId: 'ATVPDKIKX0DER' }, NOW), undefined, skip)).field).toBe('Items to Ship');
			const items = [{ orderItemId: '11111111111111', quantity: 1 }];
			expect(inputError(() => planShipment(readShipmentInput({ ...valid, items }, NOW), undefined, skip)).field).toBe('Marketplace');
		});

		it('sends what was given', () => {
			const input = readShipmentInput({ ...valid, marketplaceId: 'ATVPDKIKX0DER', items: [{ orderItemId: '11111111111111', quantity: 1 }] }, NOW);
			expect(planShipment(input, undefined, skip)).toMatchObject({
				action: 'confirm',
				request: { marketplaceId: 'ATVPDKIKX0DER', packageDetail: { orderItems: [{ orderItemId: '11111111111111', quantity: 1 }] } },
			});
		});
	});
});
