/**
 * The one internal form both Amazon order shapes (Orders API 2026-01-01 and v0) are read into,
 * so the sales-order mapping is written once. Amounts are integer minor units of `currency`.
 */
import type { OrderStatus as AmazonOrderStatus } from '../amazon/orders';

export type OrderShape = '2026-01-01' | 'v0';
export type Channel = 'FBA' | 'FBM';
/** Amazon's statuses, plus v0's INVOICE_UNCONFIRMED (shipped, invoice pending; stored v0 orders only). */
export type OrderStatus = AmazonOrderStatus | 'INVOICE_UNCONFIRMED';

/** What an amount is charged for; each kind becomes its own kind of sales-order line. */
export type ChargeKind = 'item' | 'shipping' | 'giftWrap' | 'codFee' | 'other';
export const CHARGE_KINDS: ChargeKind[] = ['item', 'shipping', 'giftWrap', 'codFee', 'other'];

/**
 * One priced component of an order item. `discount` is a positive reduction of `amount`; `tax`
 * is the tax on `amount` and `discountTax` the tax on the discount, so the tax actually due is
 * `tax - discountTax` (v0's ItemTax/PromotionDiscountTax pairs read directly into this).
 */
export interface Charge {
	amount: number;
	discount: number;
	tax: number;
	discountTax: number;
}

export interface NormalizedAddress {
	name?: string;
	companyName?: string;
	line1?: string;
	line2?: string;
	line3?: string;
	city?: string;
	district?: string;
	county?: string;
	stateOrRegion?: string;
	municipality?: string;
	postalCode?: string;
	countryCode?: string;
	phone?: string;
	addressType?: 'RESIDENTIAL' | 'COMMERCIAL' | 'PICKUP_POINT';
}

export interface NormalizedBuyer {
	name?: string;
	/** Amazon's anonymised relay address (…@marketplace.amazon.…). */
	email?: string;
	companyName?: string;
	purchaseOrderNumber?: string;
	taxId?: string;
}

export interface NormalizedItem {
	orderItemId: string;
	sku?: string;
	asin?: string;
	title?: string;
	conditionType?: string;
	conditionSubtype?: string;
	conditionNote?: string;
	quantityOrdered: number;
	quantityShipped?: number;
	unitPrice?: number;
	charges: Record<ChargeKind, Charge>;
	isGift: boolean;
	giftMessage?: string;
	giftWrapLevel?: string;
	promotionIds: string[];
	priceDesignation?: string;
	serialNumbers: string[];
	/** Amazon Points (JP) the seller grants with the item: 2026 expense.pointsCost, v0 PointsGranted. */
	pointsGranted?: PointsGranted;
}

/** Points granted with an item; `value` is their cost to the seller in minor units, when Amazon gives it. */
export interface PointsGranted {
	points?: number;
	value?: number;
}

/** A charge of the order as a whole, not attributed to an item (2026-01-01 DELIVERY_TIP). */
export interface OrderCharge {
	code: string;
	amount: number;
	status?: string;
}

export interface NormalizedOrder {
	shape: OrderShape;
	orderId: string;
	sellerOrderId?: string;
	marketplaceId?: string;
	amazonStatus: string;
	status: OrderStatus;
	channel: Channel;
	shipServiceLevel?: string;
	purchaseDate: string;
	lastUpdateDate?: string;
	earliestShipDate?: string;
	latestShipDate?: string;
	earliestDeliveryDate?: string;
	latestDeliveryDate?: string;
	isPrime: boolean;
	isBusinessOrder: boolean;
	isReplacement: boolean;
	replacedOrderId?: string;
	buyer?: NormalizedBuyer;
	address?: NormalizedAddress;
	addressInstructions?: string;
	currency: string;
	exponent: number;
	/** Amazon's own total for the order, to reconcile against (absent when not sent). */
	orderTotal?: number;
	/** How item amounts hold tax when the data alone does not tell (see lines.ts). */
	defaultTaxTreatment: TaxTreatment;
	orderCharges: OrderCharge[];
	items: NormalizedItem[];
	warnings: string[];
}

/** `inclusive`: amounts contain their tax (EU/JP consumer prices); `exclusive`: tax comes on top. */
export type TaxTreatment = 'inclusive' | 'exclusive';

export function emptyCharge(): Charge {
	return { amount: 0, discount: 0, tax: 0, discountTax: 0 };
}

export function emptyCharges(): Record<ChargeKind, Charge> {
	return { item: emptyCharge(), shipping: emptyCharge(), giftWrap: emptyCharge(), codFee: emptyCharge(), other: emptyCharge() };
}
