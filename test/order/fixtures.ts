import type { AmazonOrder } from '../../nodes/AmazonSeller/amazon/orders';
import { InputError } from '../../nodes/AmazonSeller/rules/inputError';

/** A merchant-fulfilled order as getOrder (includedData FULFILLMENT, PACKAGES) returns it. */
export function fbmOrder(overrides: Partial<AmazonOrder> = {}): AmazonOrder {
	return {
		orderId: '902-1106328-1059050',
		createdTime: '2026-01-04T10:00:00Z',
		salesChannel: { channelName: 'AMAZON', marketplaceId: 'ATVPDKIKX0DER' },
		fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' },
		orderItems: [
			{ orderItemId: '11111111111111', quantityOrdered: 2, fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: 2 } },
			{ orderItemId: '22222222222222', quantityOrdered: 1, fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: 1 } },
		],
		packages: [],
		...overrides,
	};
}

/** 2026-01-05T12:00:00Z, the VirtualClock's default start. */
export const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);

/** The InputError `fn` throws (fails the test when it throws nothing, or something else). */
export function inputError(fn: () => unknown): InputError {
	try {
		fn();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}
