/**
 * A bad value in one input item, found before anything was sent to Amazon. `field` is the field's
 * name as the user sees it in the node ("Tracking Number"); the message is a full sentence.
 * Pure (no n8n): the item runner turns it into a NodeOperationError naming item and subject.
 */
export class InputError extends Error {
	readonly field: string;
	/** What the item is about, once known: "order 902-1106328-1059050", 'SKU "MUG-1"'. */
	readonly subject?: string;
	readonly hint?: string;

	constructor(field: string, message: string, options: { orderId?: string; subject?: string; hint?: string } = {}) {
		super(message);
		this.name = 'InputError';
		this.field = field;
		this.subject = options.subject ?? (options.orderId ? orderSubject(options.orderId) : undefined);
		this.hint = options.hint;
	}

	/** The same error, now knowing which order it concerns. */
	forOrder(orderId: string | undefined): InputError {
		if (!orderId || this.subject) return this;
		return new InputError(this.field, this.message, { orderId, hint: this.hint });
	}
}

export function orderSubject(orderId: string): string {
	return `order ${orderId}`;
}

export function skuSubject(sku: string): string {
	return `SKU "${sku}"`;
}

/** "Item 3 (order 902-1106328-1059050)": how every per-item message starts. */
export function itemLabel(itemIndex: number, subject?: string): string {
	return subject ? `Item ${itemIndex} (${subject})` : `Item ${itemIndex}`;
}
