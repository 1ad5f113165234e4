import type { Money } from '../amazon/money';
import type { Channel, OrderShape, OrderStatus, TaxTreatment } from './normalizedOrder';

/**
 * The ERP-ready sales order the mapper produces ("Generic" preset), documented field by field in
 * docs/sales-order.md. Absent values are null, never missing, so ERP field mappings stay stable.
 */
export type ErpProductRef = string | number;

export interface SalesOrderAddress {
	line1: string | null;
	line2: string | null;
	line3: string | null;
	city: string | null;
	district: string | null;
	county: string | null;
	stateOrRegion: string | null;
	municipality: string | null;
	postalCode: string | null;
	countryCode: string | null;
	addressType: 'RESIDENTIAL' | 'COMMERCIAL' | 'PICKUP_POINT' | null;
}

export interface SalesOrderPartner {
	name: string;
	/** True when Amazon sent no name and the name is "Amazon Customer # <order id>". */
	isFallbackName: boolean;
	companyName: string | null;
	isCompany: boolean;
	/** Amazon's anonymised relay address, not the buyer's own. */
	email: string | null;
	phone: string | null;
	taxId: string | null;
	address: SalesOrderAddress | null;
	/** Stable key to find this partner again in the ERP (see docs: name + anonymised email). */
	matchingKey: string;
}

export interface SalesOrderCustomer extends SalesOrderPartner {
	purchaseOrderNumber: string | null;
}

export interface SalesOrderDelivery extends SalesOrderPartner {
	/** The customer partner can serve as delivery partner (same name and address). */
	sameAsCustomer: boolean;
}

export type SalesOrderLineType = 'product' | 'shipping' | 'giftWrap' | 'charge';

export interface SalesOrderLine {
	type: SalesOrderLineType;
	/** Shipping: service level; gift wrap: wrap level; charge: COD_FEE, OTHER, DELIVERY_TIP. */
	code: string | null;
	name: string;
	orderItemId: string | null;
	sku: string | null;
	asin: string | null;
	title: string | null;
	condition: { type: string | null; subtype: string | null; note: string | null } | null;
	erpProduct: ErpProductRef | null;
	quantity: number;
	quantityShipped: number | null;
	unitPrice: Money;
	/** Quantity × unit price as Amazon charged it, before discounts. */
	subtotal: Money;
	/** Promotion or shipping discount, a positive amount taken off `subtotal`. */
	discount: Money;
	/** The tax contained in the discount; already taken off `tax`. Null when the tax is unknown. */
	discountTax: Money | null;
	/** Tax due on the line after its discount. Null when unknown: never a 0 that is not Amazon's. */
	tax: Money | null;
	/** Where `tax` comes from: Amazon's data, a rate the user gave, or nowhere (`unknown`). */
	taxStatus: TaxStatus;
	/** The rate used (percent, as given) when `taxStatus` is `rate`. */
	taxRate: string | null;
	/** Whether `unitPrice`, `subtotal` and `discount` contain their tax. */
	priceIncludesTax: boolean;
	/** `total − tax`; null when the tax is unknown (the line is tax-included but Amazon gave no split). */
	totalExclTax: Money | null;
	total: Money;
	giftMessage: string | null;
	promotionIds: string[];
	/** Product lines: Amazon Points (JP) granted with the item, a cost to the seller; null when none. */
	pointsGranted: SalesOrderPoints | null;
}

/**
 * `amazon`: tax as Amazon's data gives it (also 0 where prices exclude tax and none is charged);
 * `rate`: computed from a VAT rate the user supplied; `unknown`: a tax-included amount without a
 * tax split, whose tax and net are therefore null.
 */
export type TaxStatus = 'amazon' | 'rate' | 'unknown';

/**
 * Amazon Points granted with an item (Amazon.co.jp). The customer pays the full price; the seller
 * funds the points, and Amazon deducts their cost from the seller's proceeds when the order is
 * settled (Finances: CostOfPointsGranted; refunded points come back as CostOfPointsReturned). Not
 * part of the sales order's total: book `value` as a selling expense, or let the payout's journal
 * entry book Amazon's deduction.
 */
export interface SalesOrderPoints {
	/** Number of points, when Amazon gives it. */
	points: number | null;
	/** Their cost to the seller; null when Amazon gives no monetary value (then they cannot be booked). */
	value: Money | null;
}

export interface SalesOrderTotals {
	subtotal: Money;
	discount: Money;
	/** Null when any line's tax is unknown. */
	tax: Money | null;
	/** Null when any line's tax is unknown: a gross amount is never presented as net. */
	totalExclTax: Money | null;
	total: Money;
}

export interface Reconciliation {
	/** False only when Amazon's total and the lines' total differ. */
	ok: boolean;
	status: 'matched' | 'mismatch' | 'unavailable';
	/** Amazon's order total (v0 OrderTotal, 2026-01-01 proceeds.grandTotal). */
	expected: Money | null;
	computed: Money;
	/** computed − expected. */
	difference: Money | null;
}

export interface FulfillmentMove {
	orderItemId: string;
	sku: string | null;
	asin: string | null;
	erpProduct: ErpProductRef | null;
	quantity: number;
	quantityShipped: number;
	quantityToShip: number;
}

export interface SalesOrderFulfillment {
	/** FBM: a delivery order for the seller to ship; FBA: stock moves Amazon already made. */
	type: 'deliveryOrder' | 'stockMoves';
	create: boolean;
	done: boolean;
	sourceLocation: string | null;
	destinationLocation: string;
	serviceLevel: string | null;
	shipBy: string | null;
	deliverBy: string | null;
	instructions: string | null;
	moves: FulfillmentMove[];
}

export interface MissingOffer {
	sku: string | null;
	asin: string | null;
	title: string | null;
	orderItemId: string;
}

export interface SalesOrder {
	schemaVersion: 1;
	reference: string;
	sellerOrderId: string | null;
	sourceShape: OrderShape;
	marketplace: { id: string | null; country: string | null; domain: string | null };
	channel: Channel;
	status: OrderStatus;
	amazonStatus: string;
	dates: {
		purchase: string;
		lastUpdate: string | null;
		earliestShip: string | null;
		latestShip: string | null;
		earliestDelivery: string | null;
		latestDelivery: string | null;
	};
	currency: string;
	isPrime: boolean;
	isBusinessOrder: boolean;
	isReplacement: boolean;
	replacedOrderId: string | null;
	buyerDataAvailable: boolean;
	/** The marketplace's convention (EU, UK, JP… show prices with tax); null if unknown. */
	pricesIncludeTax: boolean | null;
	/** How this order's amounts hold tax, as read from Amazon's data. */
	taxTreatment: TaxTreatment;
	/** `unknown` when any line's tax is unknown, else `rate` when any came from a user rate, else `amazon`. */
	taxStatus: TaxStatus;
	customer: SalesOrderCustomer;
	delivery: SalesOrderDelivery;
	lines: SalesOrderLine[];
	totals: SalesOrderTotals;
	reconciliation: Reconciliation;
	fulfillment: SalesOrderFulfillment;
	missingOffers: MissingOffer[];
	/** The order's Amazon Points (sum of its lines'); null when none were granted. */
	pointsGranted: SalesOrderPoints | null;
	warnings: string[];
}
