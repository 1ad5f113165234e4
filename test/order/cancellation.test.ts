import { planCancellation, readCancelInput } from '../../nodes/AmazonSeller/rules/cancellation';
import { fbmOrder, inputError } from './fixtures';


const orderId = '902-1106328-1059050';
const keep = { skipAlreadyCanceled: false };

describe('Cancel input', () => {
	it('cancels every item of a whole order with the reason given', () => {
		const plan = planCancellation(readCancelInput({ orderId, scope: 'order', cancelReason: 'buyercanceled' }), fbmOrder(), keep);
		expect(plan).toEqual({
			action: 'cancel',
			marketplaceId: 'ATVPDKIKX0DER',
			items: [
				{ orderItemId: '11111111111111', cancelReason: 'BuyerCanceled' },
				{ orderItemId: '22222222222222', cancelReason: 'BuyerCanceled' },
			],
		});
	});

	it('cancels selected items, each with its own reason or the default one', () => {
		const input = readCancelInput({
			orderId,
			scope: 'items',
			cancelReason: 'NoInventory',
			items: '[{"orderItemId": "22222222222222"}, {"orderItemId": "11111111111111", "cancelReason": "ShippingAddressUndeliverable"}]',
		});
		expect(planCancellation(input, fbmOrder(), keep)).toMatchObject({
			items: [
				{ orderItemId: '22222222222222', cancelReason: 'NoInventory' },
				{ orderItemId: '11111111111111', cancelReason: 'ShippingAddressUndeliverable' },
			],
		});
	});

	it.each([
		['a malformed order id', { orderId: '9021106328', scope: 'order', cancelReason: 'NoInventory' }, 'Order ID'],
		['an unknown reason', { orderId, scope: 'order', cancelReason: 'ChangedMyMind' }, 'Cancel Reason'],
		['no reason for an item', { orderId, scope: 'items', items: [{ orderItemId: '11111111111111' }] }, 'Cancel Reason'],
		['no items', { orderId, scope: 'items', cancelReason: 'NoInventory', items: [] }, 'Items'],
	])('rejects %s before any call', (_case, raw, field) => {
		expect(inputError(() => readCancelInput(raw)).field).toBe(field);
	});

	it('refuses an Amazon-fulfilled order, an order with shipped units, and an unknown item', () => {
		const input = readCancelInput({ orderId, scope: 'order', cancelReason: 'NoInventory' });
		expect(inputError(() => planCancellation(input, fbmOrder({ fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'AMAZON' } }), keep)).message).toMatch(/fulfilled by Amazon/);
		const partly = fbmOrder({ fulfillment: { fulfillmentStatus: 'PARTIALLY_SHIPPED', fulfilledBy: 'MERCHANT' } });
		expect(inputError(() => planCancellation(input, partly, keep)).message).toMatch(/refund the whole order/);
		const unknownItem = readCancelInput({ orderId, scope: 'items', items: [{ orderItemId: '99', cancelReason: 'NoInventory' }] });
		expect(inputError(() => planCancellation(unknownItem, fbmOrder(), keep)).field).toBe('Order Item ID');
	});

	it('treats an already canceled order as an error, or as "already canceled" when asked', () => {
		const input = readCancelInput({ orderId, scope: 'order', cancelReason: 'NoInventory' });
		const canceled = fbmOrder({ fulfillment: { fulfillmentStatus: 'CANCELLED', fulfilledBy: 'MERCHANT' } });
		expect(inputError(() => planCancellation(input, canceled, keep)).message).toMatch(/already canceled/);
		expect(planCancellation(input, canceled, { skipAlreadyCanceled: true })).toEqual({ action: 'alreadyCanceled', reason: `Order ${orderId} is already canceled` });
	});
});
