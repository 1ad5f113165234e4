/**
 * The parts of an Orders API 2026-01-01 order (getOrder / searchOrders) that the order actions
 * read, Amazon's order statuses and ids, and small facts derived from them. Pure: no n8n, no transport.
 */
/** Orders API 2026-01-01 `FulfillmentStatus` values: the one list every part of the package uses. */
export const ORDER_STATUSES = [
	'PENDING_AVAILABILITY',
	'PENDING',
	'UNSHIPPED',
	'PARTIALLY_SHIPPED',
	'SHIPPED',
	'CANCELLED',
	'UNFULFILLABLE',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

const STATUS_SET: ReadonlySet<string> = new Set(ORDER_STATUSES);

export function isOrderStatus(value: unknown): value is OrderStatus {
	return typeof value === 'string' && STATUS_SET.has(value);
}

export type FulfilledBy = 'AMAZON' | 'MERCHANT';

export interface AmazonOrderItem {
	orderItemId: string;
	quantityOrdered: number;
	product?: { asin?: string; sellerSku?: string; title?: string };
	fulfillment?: { quantityFulfilled?: number; quantityUnfulfilled?: number };
}

export interface AmazonOrderPackage {
	packageReferenceId: string;
	carrier?: string;
	trackingNumber?: string;
	shipTime?: string;
	packageItems?: Array<{ orderItemId: string; quantity: number }>;
}

export interface AmazonOrder {
	orderId: string;
	createdTime: string;
	lastUpdatedTime?: string;
	salesChannel?: { channelName?: string; marketplaceId?: string; marketplaceName?: string };
	fulfillment?: { fulfillmentStatus?: OrderStatus; fulfilledBy?: FulfilledBy | string };
	orderItems: AmazonOrderItem[];
	packages?: AmazonOrderPackage[];
}

export const INCLUDED_DATA = [
	'BUYER',
	'CANCELLATION',
	'EXPENSE',
	'FULFILLMENT',
	'FULFILLMENT_ORDERS',
	'PACKAGES',
	'PAYMENT',
	'PROCEEDS',
	'PROMOTION',
	'RECIPIENT',
	'TAX',
] as const;

/** Amazon order ids are three groups of digits: 3-7-7 (e.g. 902-1106328-1059050). */
export const ORDER_ID_PATTERN = /^\d{3}-\d{7}-\d{7}$/;

export function isAmazonOrderId(value: string): boolean {
	return ORDER_ID_PATTERN.test(value);
}

export function itemQuantityShipped(item: AmazonOrderItem): number {
	return item.fulfillment?.quantityFulfilled ?? 0;
}

/**
 * Units of an item still to ship. Amazon gives `quantityUnfulfilled` with includedData FULFILLMENT;
 * without it, ordered minus shipped is the best estimate.
 */
export function itemQuantityRemaining(item: AmazonOrderItem): number {
	const unfulfilled = item.fulfillment?.quantityUnfulfilled;
	if (typeof unfulfilled === 'number') return Math.max(0, unfulfilled);
	return Math.max(0, item.quantityOrdered - itemQuantityShipped(item));
}

export function isFulfilledByAmazon(order: AmazonOrder): boolean {
	return order.fulfillment?.fulfilledBy === 'AMAZON';
}
