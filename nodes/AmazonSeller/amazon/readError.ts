/**
 * The one error reading Amazon's JSON (orders, finance transactions) and the ERP mappings built
 * on it throw on bad input: it names the field (a path inside the JSON, such as
 * `OrderItems[1].QuantityOrdered`) and, once it is known, the Amazon order id, so a user with
 * thousands of orders can find the faulty one. Pure, no n8n imports.
 */
export class OrderMappingError extends Error {
	/** Where in the order JSON the problem is; empty for the order as a whole. */
	readonly path: string;
	/** What is wrong with the value at `path`. */
	readonly reason: string;
	/** The Amazon order id, when it could be read before the problem. */
	readonly orderId?: string;

	constructor(path: string, reason: string, orderId?: string) {
		super(OrderMappingError.compose(path, reason, orderId));
		this.name = 'OrderMappingError';
		this.path = path;
		this.reason = reason;
		this.orderId = orderId;
	}

	/** The same error with the order id filled in (kept when already known). */
	withOrderId(orderId: string): OrderMappingError {
		return this.orderId ? this : new OrderMappingError(this.path, this.reason, orderId);
	}

	/** The same error with its path placed under `prefix` (the field the order was read from). */
	under(prefix: string): OrderMappingError {
		if (!prefix) return this;
		const path = this.path ? (this.path.startsWith('[') ? `${prefix}${this.path}` : `${prefix}.${this.path}`) : prefix;
		return new OrderMappingError(path, this.reason, this.orderId);
	}

	private static compose(path: string, reason: string, orderId?: string): string {
		const where = path ? `${path}: ` : '';
		const order = orderId ? ` (order ${orderId})` : '';
		return `${where}${reason}${order}`;
	}
}

/** Runs a read of one order so that any OrderMappingError it throws names the order. */
export function withOrderId<T>(orderId: string, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw error instanceof OrderMappingError ? error.withOrderId(orderId) : error;
	}
}
