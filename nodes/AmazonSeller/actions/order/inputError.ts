/**
 * A bad value in one input item, found before anything was sent to Amazon. `field` is the field's
 * name as the user sees it in the node ("Tracking Number"); the message is a full sentence.
 * Pure (no n8n): the item loop turns it into a NodeOperationError naming item and order.
 */
export class InputError extends Error {
	readonly field: string;
	readonly orderId?: string;
	readonly hint?: string;

	constructor(field: string, message: string, options: { orderId?: string; hint?: string } = {}) {
		super(message);
		this.name = 'InputError';
		this.field = field;
		this.orderId = options.orderId;
		this.hint = options.hint;
	}

	/** The same error, now knowing which order it concerns. */
	forOrder(orderId: string | undefined): InputError {
		if (!orderId || this.orderId) return this;
		return new InputError(this.field, this.message, { orderId, hint: this.hint });
	}
}

/** "Item 3 (order 902-1106328-1059050)": how every per-item message starts. */
export function itemLabel(itemIndex: number, orderId?: string): string {
	return orderId ? `Item ${itemIndex} (order ${orderId})` : `Item ${itemIndex}`;
}
