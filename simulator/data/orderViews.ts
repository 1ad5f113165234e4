/**
 * How an internal order looks through each API: the Orders 2026-01-01 `Order` (sections chosen by
 * includedData), the v0 `Order`/`OrderItem`, and the flat-file report row. Amounts are consistent:
 * grandTotal = Σ order breakdowns = Σ item proceedsTotal, and ITEM = unit price × quantity.
 */
import { MARKETPLACES, formatAmount, money } from './marketplaces';
import { personFor } from './people';
import type { SimOrder, SimOrderItem } from './orders';

export const INCLUDED_DATA = [
	'BUYER',
	'RECIPIENT',
	'PROCEEDS',
	'EXPENSE',
	'PROMOTION',
	'CANCELLATION',
	'FULFILLMENT',
	'PACKAGES',
	'TAX',
	'PAYMENT',
	'FULFILLMENT_ORDERS',
] as const;

const MARKETPLACE_FACILITATOR: Record<string, string> = {
	na: 'Amazon Services, Inc.',
	eu: 'Amazon Services Europe S.a.r.L.',
	fe: 'Amazon Japan G.K.',
};

export function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface ItemMoney {
	item: number;
	shipping: number;
	giftWrap: number;
	/** Negative. */
	itemDiscount: number;
	shippingDiscount: number;
	/** Tax added on top (US/CA/MX); 0 where prices include it. */
	itemTax: number;
	shippingTax: number;
	giftWrapTax: number;
	total: number;
}

/** The money one order line contributes; cancelled lines contribute nothing. */
export function itemMoney(order: SimOrder, it: SimOrderItem): ItemMoney {
	if (it.cancelled) {
		return { item: 0, shipping: 0, giftWrap: 0, itemDiscount: 0, shippingDiscount: 0, itemTax: 0, shippingTax: 0, giftWrapTax: 0, total: 0 };
	}
	const taxAdded = !MARKETPLACES[order.marketplaceId].taxIncluded;
	const m = {
		item: it.unitPrice * it.quantity,
		shipping: it.shipping,
		giftWrap: it.giftWrap,
		itemDiscount: -it.promotionDiscount,
		shippingDiscount: -it.shippingDiscount,
		itemTax: taxAdded ? it.itemTax : 0,
		shippingTax: taxAdded ? it.shippingTax : 0,
		giftWrapTax: taxAdded ? it.giftWrapTax : 0,
		total: 0,
	};
	m.total = m.item + m.shipping + m.giftWrap + m.itemDiscount + m.shippingDiscount + m.itemTax + m.shippingTax + m.giftWrapTax;
	return m;
}

function conditionOf(conditionType: string): { conditionType: string; conditionSubtype: string } {
	switch (conditionType) {
		case 'used_like_new':
			return { conditionType: 'USED', conditionSubtype: 'LIKE_NEW' };
		case 'refurbished_refurbished':
			return { conditionType: 'REFURBISHED', conditionSubtype: 'REFURBISHED' };
		default:
			return { conditionType: 'NEW', conditionSubtype: 'NEW' };
	}
}

function itemProceeds(order: SimOrder, it: SimOrderItem, currency: string): Record<string, unknown> {
	const m = itemMoney(order, it);
	const breakdowns: Array<Record<string, unknown>> = [{ type: 'ITEM', subtotal: money(m.item, currency) }];
	if (m.shipping) breakdowns.push({ type: 'SHIPPING', subtotal: money(m.shipping, currency) });
	if (m.giftWrap) breakdowns.push({ type: 'GIFT_WRAP', subtotal: money(m.giftWrap, currency) });
	const tax = m.itemTax + m.shippingTax + m.giftWrapTax;
	if (!MARKETPLACES[order.marketplaceId].taxIncluded && !it.cancelled) {
		const detailed = [{ subtype: 'ITEM', value: money(m.itemTax, currency) }];
		if (m.shipping) detailed.push({ subtype: 'SHIPPING', value: money(m.shippingTax, currency) });
		if (m.giftWrap) detailed.push({ subtype: 'GIFT_WRAP', value: money(m.giftWrapTax, currency) });
		breakdowns.push({ type: 'TAX', subtotal: money(tax, currency), detailedBreakdowns: detailed });
	}
	if (m.itemDiscount || m.shippingDiscount) {
		const detailed = [];
		if (m.itemDiscount) detailed.push({ subtype: 'ITEM', value: money(m.itemDiscount, currency) });
		if (m.shippingDiscount) detailed.push({ subtype: 'SHIPPING', value: money(m.shippingDiscount, currency) });
		breakdowns.push({ type: 'DISCOUNT', subtotal: money(m.itemDiscount + m.shippingDiscount, currency), detailedBreakdowns: detailed });
	}
	return { proceedsTotal: money(m.total, currency), breakdowns };
}

function orderProceeds(order: SimOrder, currency: string): Record<string, unknown> {
	const sums: Record<string, number> = { ITEM: 0, SHIPPING: 0, GIFT_WRAP: 0, TAX: 0, DISCOUNT: 0 };
	let total = 0;
	for (const it of order.items) {
		const m = itemMoney(order, it);
		sums.ITEM += m.item;
		sums.SHIPPING += m.shipping;
		sums.GIFT_WRAP += m.giftWrap;
		sums.TAX += m.itemTax + m.shippingTax + m.giftWrapTax;
		sums.DISCOUNT += m.itemDiscount + m.shippingDiscount;
		total += m.total;
	}
	const taxAdded = !MARKETPLACES[order.marketplaceId].taxIncluded;
	const breakdowns = Object.entries(sums)
		.filter(([type, v]) => type === 'ITEM' || v !== 0 || (type === 'TAX' && taxAdded && order.status !== 'CANCELLED'))
		.map(([type, v]) => ({ type, subtotal: money(v, currency) }));
	return { grandTotal: money(total, currency), breakdowns };
}

/** Orders 2026-01-01 `Order` with the sections named in `included`. */
export function renderOrder(order: SimOrder, included: ReadonlySet<string>, now: number): Record<string, unknown> {
	const mp = MARKETPLACES[order.marketplaceId];
	const currency = mp.currency;
	const pending = order.status === 'PENDING' || order.status === 'PENDING_AVAILABILITY';
	const fba = order.fulfilledBy === 'AMAZON';
	const out: Record<string, unknown> = {
		orderId: order.orderId,
		createdTime: iso(order.createdTime),
		lastUpdatedTime: iso(order.lastUpdatedTime),
	};
	const programs: string[] = [];
	if (order.prime) programs.push('PRIME');
	if (order.business) programs.push('AMAZON_BUSINESS');
	if (order.premium) programs.push('PREMIUM');
	if (programs.length) out.programs = programs;
	if (order.replacementOf) out.associatedOrders = [{ orderId: order.replacementOf, associationType: 'REPLACEMENT_ORIGINAL_ID' }];
	out.salesChannel = { channelName: 'AMAZON', marketplaceId: mp.id, marketplaceName: mp.name };
	const person = personFor(order.seed, mp.countryCode, order.business, mp.domainName);

	if (included.has('BUYER') && !pending) {
		const buyer: Record<string, string> = {};
		// Since 2024-02-19 Amazon withholds the buyer name on North American FBA orders.
		if (!(fba && mp.region === 'na')) buyer.buyerName = person.name;
		if (!fba) buyer.buyerEmail = person.email;
		if (order.business && person.companyName) buyer.buyerCompanyName = person.companyName;
		if (order.purchaseOrderNumber) buyer.buyerPurchaseOrderNumber = order.purchaseOrderNumber;
		if (Object.keys(buyer).length) out.buyer = buyer;
	}
	if (included.has('RECIPIENT')) {
		const address: Record<string, string> = {};
		// Before payment, and for FBA always, only the delivery area is disclosed.
		if (!pending && !fba) {
			address.name = person.name;
			if (person.companyName) address.companyName = person.companyName;
			address.addressLine1 = person.addressLine1;
			if (person.addressLine2) address.addressLine2 = person.addressLine2;
		}
		address.city = person.city;
		address.stateOrRegion = person.stateOrRegion;
		address.postalCode = person.postalCode;
		address.countryCode = person.countryCode;
		// The phone is suppressed for FBA and once a shipped order is past its delivery date.
		if (!pending && !fba && !(order.status === 'SHIPPED' && now > order.deliverBy[1])) address.phone = person.phone;
		if (!pending && !fba) address.addressType = person.addressType;
		out.recipient = { deliveryAddress: address };
	}
	if (included.has('PROCEEDS')) out.proceeds = orderProceeds(order, currency);
	if (included.has('TAX') && order.business && mp.region === 'eu' && person.companyName) {
		out.tax = {
			taxRegistrations: [
				{
					entityType: 'BUYER',
					taxRegistrationType: 'VAT',
					taxRegistrationNumber: `${mp.countryCode === 'GB' ? 'GB' : mp.countryCode}${String(order.seed % 1_000_000_000).padStart(9, '0')}`,
					legalName: person.companyName,
					taxRegistrationAddress: {
						name: person.name,
						companyName: person.companyName,
						addressLine1: person.addressLine1,
						city: person.city,
						stateOrRegion: person.stateOrRegion,
						postalCode: person.postalCode,
						countryCode: person.countryCode,
					},
				},
			],
			taxInvoicing: { buyerInvoicePreference: 'BUSINESS' },
		};
	}
	if (included.has('FULFILLMENT')) {
		out.fulfillment = {
			fulfillmentStatus: order.status,
			fulfilledBy: order.fulfilledBy,
			fulfillmentServiceLevel: order.serviceLevel,
			shipByWindow: { earliestDateTime: iso(order.shipBy[0]), latestDateTime: iso(order.shipBy[1]) },
			deliverByWindow: { earliestDateTime: iso(order.deliverBy[0]), latestDateTime: iso(order.deliverBy[1]) },
		};
	}
	out.orderItems = order.items.map((it) => {
		const item: Record<string, unknown> = { orderItemId: it.orderItemId, quantityOrdered: it.quantity };
		if (it.transparency) item.programs = ['TRANSPARENCY'];
		const price: Record<string, unknown> = { unitPrice: money(it.unitPrice, currency) };
		if (order.business) price.priceDesignation = 'BUSINESS_PRICE';
		item.product = { asin: it.asin, title: it.title, sellerSku: it.sku, condition: conditionOf(it.conditionType), price };
		if (included.has('PROCEEDS')) item.proceeds = itemProceeds(order, it, currency);
		if (included.has('EXPENSE') && it.points) {
			item.expense = { pointsCost: { pointsGranted: { pointsNumber: it.points, pointsMonetaryValue: money(it.points * 100, currency) } } };
		}
		if (included.has('PROMOTION') && it.promotionIds.length) {
			item.promotion = { breakdowns: it.promotionIds.map((promotionId) => ({ promotionId })) };
		}
		if (included.has('CANCELLATION') && (it.cancelled || it.cancelRequested)) {
			const cancellation: Record<string, unknown> = {};
			if (it.cancelRequested) cancellation.cancellationRequest = { requester: 'BUYER', cancelReason: it.cancelRequested };
			if (it.cancelled) cancellation.cancellationExecution = { cancelledBy: it.cancelledBy, cancelReason: it.cancelReason };
			item.cancellation = cancellation;
		}
		if (included.has('FULFILLMENT')) {
			const f: Record<string, unknown> = {
				quantityFulfilled: it.shipped,
				quantityUnfulfilled: it.cancelled ? 0 : it.quantity - it.shipped,
			};
			if (it.giftMessage || it.giftWrapLevel) {
				const giftOption: Record<string, string> = {};
				if (it.giftMessage) giftOption.giftMessage = it.giftMessage;
				if (it.giftWrapLevel) giftOption.giftWrapLevel = it.giftWrapLevel;
				f.packing = { giftOption };
			}
			item.fulfillment = f;
		}
		if (included.has('TAX')) {
			item.tax = { taxCollections: [{ model: 'MARKETPLACE_FACILITATOR', responsibleParty: MARKETPLACE_FACILITATOR[mp.region] }] };
		}
		return item;
	});
	if (included.has('PACKAGES') && !fba && order.packages.length) {
		out.packages = order.packages.map((p) => ({
			packageReferenceId: p.packageReferenceId,
			createdTime: iso(p.createdTime),
			packageStatus: { status: now > order.deliverBy[1] ? 'DELIVERED' : 'IN_TRANSIT' },
			carrier: p.carrierName ?? p.carrierCode,
			shipTime: iso(p.shipTime),
			...(p.shippingMethod ? { shippingService: p.shippingMethod } : {}),
			trackingNumber: p.trackingNumber,
			packageItems: p.items.map((i) => ({
				orderItemId: i.orderItemId,
				quantity: i.quantity,
				...(i.transparencyCodes?.length ? { transparencyCodes: i.transparencyCodes } : {}),
			})),
		}));
	}
	return out;
}

const V0_STATUS: Record<string, string> = {
	PENDING_AVAILABILITY: 'PendingAvailability',
	PENDING: 'Pending',
	UNSHIPPED: 'Unshipped',
	PARTIALLY_SHIPPED: 'PartiallyShipped',
	SHIPPED: 'Shipped',
	CANCELLED: 'Canceled',
	UNFULFILLABLE: 'Unfulfillable',
};

export function v0Status(status: string): string {
	return V0_STATUS[status] ?? status;
}

const V0_SERVICE_LEVEL: Record<string, string> = {
	STANDARD: 'Standard',
	EXPEDITED: 'Expedited',
	SECOND_DAY: 'SecondDay',
	NEXT_DAY: 'NextDay',
	SAME_DAY: 'SameDay',
	FREE_ECONOMY: 'FreeEconomy',
	PRIORITY: 'Priority',
	SCHEDULED: 'Scheduled',
};

export function v0ServiceLevel(level: string): string {
	return V0_SERVICE_LEVEL[level] ?? level;
}

function v0Money(minor: number, currency: string): { CurrencyCode: string; Amount: string } {
	return { CurrencyCode: currency, Amount: formatAmount(minor) };
}

/** Orders v0 `Order` (the deprecated read model, served for the benchmark's baseline client). */
export function renderOrderV0(order: SimOrder, now: number): Record<string, unknown> {
	const mp = MARKETPLACES[order.marketplaceId];
	const pending = order.status === 'PENDING' || order.status === 'PENDING_AVAILABILITY';
	const fba = order.fulfilledBy === 'AMAZON';
	const shipped = order.items.reduce((s, i) => s + (i.cancelled ? 0 : i.shipped), 0);
	const unshipped = order.items.reduce((s, i) => s + (i.cancelled ? 0 : i.quantity - i.shipped), 0);
	const total = order.items.reduce((s, i) => s + itemMoney(order, i).total, 0);
	const person = personFor(order.seed, mp.countryCode, order.business, mp.domainName);
	const out: Record<string, unknown> = {
		AmazonOrderId: order.orderId,
		PurchaseDate: iso(order.createdTime),
		LastUpdateDate: iso(order.lastUpdatedTime),
		OrderStatus: v0Status(order.status),
		FulfillmentChannel: fba ? 'AFN' : 'MFN',
		SalesChannel: mp.name,
		ShipServiceLevel: v0ServiceLevel(order.serviceLevel),
		NumberOfItemsShipped: shipped,
		NumberOfItemsUnshipped: unshipped,
		PaymentMethod: 'Other',
		PaymentMethodDetails: ['Standard'],
		MarketplaceId: mp.id,
		ShipmentServiceLevelCategory: v0ServiceLevel(order.serviceLevel),
		OrderType: 'StandardOrder',
		EarliestShipDate: iso(order.shipBy[0]),
		LatestShipDate: iso(order.shipBy[1]),
		EarliestDeliveryDate: iso(order.deliverBy[0]),
		LatestDeliveryDate: iso(order.deliverBy[1]),
		IsBusinessOrder: order.business,
		IsPrime: order.prime,
		IsPremiumOrder: order.premium,
		IsGlobalExpressEnabled: false,
		IsReplacementOrder: !!order.replacementOf,
		IsSoldByAB: false,
		IsISPU: false,
		IsAccessPointOrder: false,
		HasRegulatedItems: false,
	};
	if (order.replacementOf) out.ReplacedOrderId = order.replacementOf;
	if (!pending && order.status !== 'CANCELLED') out.OrderTotal = v0Money(total, mp.currency);
	if (!pending) {
		const address: Record<string, string> = {};
		if (!fba) {
			address.Name = person.name;
			address.AddressLine1 = person.addressLine1;
			if (person.addressLine2) address.AddressLine2 = person.addressLine2;
		}
		address.City = person.city;
		address.StateOrRegion = person.stateOrRegion;
		address.PostalCode = person.postalCode;
		address.CountryCode = person.countryCode;
		if (!fba) address.AddressType = person.addressType === 'COMMERCIAL' ? 'Commercial' : 'Residential';
		out.ShippingAddress = address;
		const buyer: Record<string, string> = {};
		if (!fba) buyer.BuyerEmail = person.email;
		if (!(fba && mp.region === 'na')) buyer.BuyerName = person.name;
		if (order.purchaseOrderNumber) buyer.PurchaseOrderNumber = order.purchaseOrderNumber;
		out.BuyerInfo = buyer;
	}
	void now;
	return out;
}

/** Orders v0 `OrderItem`. EU/JP ItemTax is the VAT already inside ItemPrice, as in v0. */
export function renderOrderItemV0(order: SimOrder, it: SimOrderItem): Record<string, unknown> {
	const mp = MARKETPLACES[order.marketplaceId];
	const c = mp.currency;
	const item: Record<string, unknown> = {
		ASIN: it.asin,
		SellerSKU: it.sku,
		OrderItemId: it.orderItemId,
		Title: it.title,
		// v0 reports cancelled lines with zero quantity.
		QuantityOrdered: it.cancelled ? 0 : it.quantity,
		QuantityShipped: it.shipped,
		ProductInfo: { NumberOfItems: '1' },
		ConditionId: conditionOf(it.conditionType).conditionType === 'NEW' ? 'New' : conditionOf(it.conditionType).conditionType === 'USED' ? 'Used' : 'Refurbished',
		ConditionSubtypeId: conditionOf(it.conditionType).conditionSubtype === 'LIKE_NEW' ? 'Mint' : 'New',
		IsGift: it.giftMessage ? 'true' : 'false',
		IsTransparency: it.transparency,
		SerialNumberRequired: false,
	};
	if (!it.cancelled && order.status !== 'PENDING') {
		item.ItemPrice = v0Money(it.unitPrice * it.quantity, c);
		item.ItemTax = v0Money(it.itemTax, c);
		item.ShippingPrice = v0Money(it.shipping, c);
		item.ShippingTax = v0Money(it.shippingTax, c);
		item.ShippingDiscount = v0Money(it.shippingDiscount, c);
		item.ShippingDiscountTax = v0Money(0, c);
		item.PromotionDiscount = v0Money(it.promotionDiscount, c);
		item.PromotionDiscountTax = v0Money(0, c);
		if (it.promotionIds.length) item.PromotionIds = it.promotionIds;
	}
	if (order.business) item.PriceDesignation = 'BUSINESS_PRICE';
	if (it.points) item.PointsGranted = { PointsNumber: it.points, PointsMonetaryValue: v0Money(it.points * 100, c) };
	return item;
}
