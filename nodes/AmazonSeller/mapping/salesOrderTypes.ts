import type { Money } from './money';
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
	/** The tax contained in the discount; already taken off `tax`. */
	discountTax: Money;
	/** Tax due on the line after its discount. */
	tax: Money;
	/** Whether `unitPrice`, `subtotal` and `discount` contain their tax. */
	priceIncludesTax: boolean;
	totalExclTax: Money;
	total: Money;
	giftMessage: string | null;
	promotionIds: string[];
}

export interface SalesOrderTotals {
	subtotal: Money;
	discount: Money;
	tax: Money;
	totalExclTax: Money;
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
	customer: SalesOrderCustomer;
	delivery: SalesOrderDelivery;
	lines: SalesOrderLine[];
	totals: SalesOrderTotals;
	reconciliation: Reconciliation;
	fulfillment: SalesOrderFulfillment;
	missingOffers: MissingOffer[];
	warnings: string[];
}
