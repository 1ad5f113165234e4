import { cancelReasonFor } from '../amazon/cancelReasons';
import type { AmazonOrder } from '../amazon/orders';
import { isFulfilledByAmazon, itemQuantityShipped } from '../amazon/orders';
import { InputError } from './inputError';
import { readItemLines } from './itemLines';
import { readOrderId } from './orderFields';

export type CancelScope = 'order' | 'items';

export interface RawCancelInput {
	orderId: unknown;
	scope: unknown;
	/** The reason for a whole order, and the default for item lines without one. */
	cancelReason?: unknown;
	items?: unknown;
	itemsField?: string;
}

export interface CancelInput {
	orderId: string;
	scope: CancelScope;
	cancelReason?: string;
	items?: Array<{ orderItemId: string; cancelReason: string }>;
}

export type CancelPlan =
	| { action: 'cancel'; marketplaceId: string; items: Array<{ orderItemId: string; cancelReason: string }> }
	| { action: 'alreadyCanceled'; reason: string };

/** Checks one item's fields without calling Amazon. Throws InputError naming the field. */
export function readCancelInput(raw: RawCancelInput): CancelInput {
	const orderId = readOrderId(raw.orderId);
	try {
		if (raw.scope !== 'order' && raw.scope !== 'items') {
			throw new InputError('Cancel', `Cancel "${String(raw.scope)}" is neither "order" nor "items"`);
		}
		const given = raw.cancelReason === undefined || raw.cancelReason === null ? '' : String(raw.cancelReason).trim();
		const cancelReason = given ? readReason(given) : undefined;
		if (raw.scope === 'order') {
			if (!cancelReason) throw new InputError('Cancel Reason', 'Cancel Reason is empty; Amazon needs a reason code such as NoInventory or BuyerCanceled');
			return { orderId, scope: 'order', cancelReason };
		}
		const lines = readItemLines(raw.items, raw.itemsField ?? 'Items', { quantity: false });
		const items = lines.map((line) => {
			const reason = line.cancelReason ? readReason(line.cancelReason) : cancelReason;
			if (!reason) throw new InputError('Cancel Reason', `Order item ${line.orderItemId} has no Cancel Reason`);
			return { orderItemId: line.orderItemId, cancelReason: reason };
		});
		return { orderId, scope: 'items', cancelReason, items };
	} catch (error) {
		throw error instanceof InputError ? error.forOrder(orderId) : error;
	}
}

function readReason(value: string): string {
	const code = cancelReasonFor(value);
	if (!code) {
		throw new InputError('Cancel Reason', `Cancel Reason "${value}" is not one of Amazon's reason codes`, {
			hint: 'Use BuyerCanceled, CarrierCoverageFailure, CarrierCreditDecision, CustomerExchange, CustomerReturn, GeneralAdjustment, MerchandiseNotReceived, NoInventory, RiskAssessmentInformationNotValid or ShippingAddressUndeliverable.',
		});
	}
	return code;
}

/** What to cancel, given the order as Amazon has it. Throws InputError when it cannot be canceled. */
export function planCancellation(input: CancelInput, order: AmazonOrder, options: { skipAlreadyCanceled: boolean }): CancelPlan {
	const { orderId } = input;
	const fail = (field: string, message: string, hint?: string) => new InputError(field, message, { orderId, hint });

	if (isFulfilledByAmazon(order)) {
		throw fail('Order ID', `Order ${orderId} is fulfilled by Amazon (FBA); only Amazon can cancel it`, 'Cancel is for merchant-fulfilled (FBM) orders only.');
	}
	if (order.fulfillment?.fulfillmentStatus === 'CANCELLED') {
		const reason = `Order ${orderId} is already canceled`;
		if (options.skipAlreadyCanceled) return { action: 'alreadyCanceled', reason };
		throw fail('Order ID', reason, 'Turn on "Skip Already Canceled" to re-run safely.');
	}
	const status = order.fulfillment?.fulfillmentStatus;
	if (status === 'PENDING' || status === 'PENDING_AVAILABILITY') {
		throw fail('Order ID', `Order ${orderId} is ${status}: Amazon takes a seller's cancellation only once payment is authorized`, 'Wait until the order is UNSHIPPED; an unpaid order is canceled by Amazon if payment fails.');
	}
	// Amazon: a Failure acknowledgement after any unit shipped refunds the whole order.
	const shipped = order.orderItems.filter((item) => itemQuantityShipped(item) > 0);
	if (status === 'SHIPPED' || status === 'PARTIALLY_SHIPPED' || shipped.length) {
		throw fail('Order ID', `Order ${orderId} has shipped units; canceling it now would refund the whole order`, 'Refund the unshipped part in Seller Central instead.');
	}
	const marketplaceId = order.salesChannel?.marketplaceId;
	if (!marketplaceId) throw fail('Order ID', `Amazon did not say which marketplace order ${orderId} belongs to`);

	if (input.scope === 'order') {
		return { action: 'cancel', marketplaceId, items: order.orderItems.map((item) => ({ orderItemId: item.orderItemId, cancelReason: input.cancelReason as string })) };
	}
	for (const line of input.items ?? []) {
		if (!order.orderItems.some((item) => item.orderItemId === line.orderItemId)) {
			throw fail('Order Item ID', `Order item ${line.orderItemId} is not in order ${orderId}; its items are ${order.orderItems.map((i) => i.orderItemId).join(', ')}`);
		}
	}
	return { action: 'cancel', marketplaceId, items: input.items ?? [] };
}
