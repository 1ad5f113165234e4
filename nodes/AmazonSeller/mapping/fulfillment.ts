import type { NormalizedItem, NormalizedOrder, OrderStatus } from './normalizedOrder';
import type { ErpProductRef, FulfillmentMove, SalesOrderFulfillment } from './salesOrderTypes';
import { itemName } from './lines';

/**
 * What the ERP does with the goods. FBM: the seller ships, so a delivery order is to be created
 * once Amazon has released the order (not while pending, not when cancelled). FBA: Amazon
 * already shipped from its warehouse, so, as Odoo does, stock moves from an "Amazon FBA" virtual
 * location to the customer, done, for the quantities Amazon has shipped.
 */
export const FBA_LOCATION = 'Amazon FBA';
export const CUSTOMER_LOCATION = 'Customer';

const RELEASED: OrderStatus[] = ['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'INVOICE_UNCONFIRMED'];
const ALL_SHIPPED: OrderStatus[] = ['SHIPPED', 'INVOICE_UNCONFIRMED'];

export function buildFulfillment(order: NormalizedOrder, productOf: (item: NormalizedItem) => ErpProductRef | null): SalesOrderFulfillment {
	const released = RELEASED.includes(order.status);
	const allShipped = ALL_SHIPPED.includes(order.status);
	const shippedOf = (item: NormalizedItem) => item.quantityShipped ?? (allShipped ? item.quantityOrdered : 0);
	const move = (item: NormalizedItem, quantity: number): FulfillmentMove => {
		const shipped = Math.min(shippedOf(item), item.quantityOrdered);
		return {
			orderItemId: item.orderItemId,
			sku: item.sku ?? null,
			asin: item.asin ?? null,
			erpProduct: productOf(item),
			quantity,
			quantityShipped: shipped,
			quantityToShip: Math.max(item.quantityOrdered - shipped, 0),
		};
	};
	const common = {
		serviceLevel: order.shipServiceLevel ?? null,
		shipBy: order.latestShipDate ?? null,
		deliverBy: order.latestDeliveryDate ?? null,
		instructions: instructions(order),
		destinationLocation: CUSTOMER_LOCATION,
	};

	if (order.channel === 'FBA') {
		const moves = order.items.filter((item) => shippedOf(item) > 0).map((item) => move(item, Math.min(shippedOf(item), item.quantityOrdered)));
		return { type: 'stockMoves', create: moves.length > 0, done: true, sourceLocation: FBA_LOCATION, ...common, moves };
	}
	const moves = released ? order.items.filter((item) => item.quantityOrdered > 0).map((item) => move(item, item.quantityOrdered)) : [];
	return { type: 'deliveryOrder', create: moves.length > 0, done: allShipped, sourceLocation: null, ...common, moves };
}

/** Address instructions, then each gift message, so the packer sees them on the delivery order. */
function instructions(order: NormalizedOrder): string | null {
	const parts = order.addressInstructions ? [order.addressInstructions] : [];
	for (const item of order.items) {
		if (item.giftMessage) parts.push(`Gift message for ${itemName(item)}: ${item.giftMessage}`);
	}
	return parts.length > 0 ? parts.join('\n') : null;
}
