import type { SpApiClient } from '../../transport';
import type { AmazonOrder } from '../../amazon/orders';
import { itemQuantityRemaining, itemQuantityShipped } from '../../amazon/orders';

/**
 * Orders read once per execution: several input items about one order (partial shipments,
 * packages) share one getOrder call, and what an earlier item ships or cancels is taken off
 * before the next item is checked.
 */
export class OrderReads {
	private readonly orders = new Map<string, AmazonOrder>();

	constructor(
		private readonly client: SpApiClient,
		private readonly includedData: string[],
	) {}

	async get(orderId: string): Promise<AmazonOrder> {
		let order = this.orders.get(orderId);
		if (!order) {
			const { body } = await this.client.call<{ order: AmazonOrder }>('getOrder', {
				path: { orderId },
				query: { includedData: this.includedData },
			});
			order = body.order;
			this.orders.set(orderId, order);
		}
		return order;
	}

	/** Counts a planned package against the cached order, as Amazon will once it is sent. */
	recordShipment(orderId: string, packageReferenceId: string, lines: Array<{ orderItemId: string; quantity: number }>): void {
		const order = this.orders.get(orderId);
		if (!order) return;
		for (const line of lines) {
			const item = order.orderItems.find((candidate) => candidate.orderItemId === line.orderItemId);
			if (!item) continue;
			item.fulfillment = {
				...item.fulfillment,
				quantityFulfilled: itemQuantityShipped(item) + line.quantity,
				quantityUnfulfilled: Math.max(0, itemQuantityRemaining(item) - line.quantity),
			};
		}
		order.packages = [...(order.packages ?? []), { packageReferenceId, packageItems: lines }];
	}
}
