/**
 * The orders report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL) read into the same
 * observations searchOrders gives. Pure.
 *
 * The flat file is tab-separated, one row per order item, with a header row. Columns used:
 * amazon-order-id, merchant-order-id, purchase-date, last-updated-date, order-status,
 * fulfillment-channel, sales-channel, ship-service-level, product-name, sku, asin, item-status,
 * quantity, currency, item-price, item-tax, shipping-price, shipping-tax, gift-wrap-price,
 * gift-wrap-tax, item-promotion-discount, ship-promotion-discount, promotion-ids,
 * is-business-order, purchase-order-number, and (only with buyer data opted in) ship-city,
 * ship-state, ship-postal-code, ship-country. The report carries no buyer name, address lines,
 * e-mail or order item ids.
 *
 * Each order becomes an Orders API 2026-01-01-shaped order (orderId, createdTime,
 * lastUpdatedTime, salesChannel, fulfillment, orderItems with product and proceeds) so that the
 * event rules and the sales-order mapping read it as they read searchOrders results.
 */
import { MARKETPLACES, marketplaceById } from '../amazon/marketplaces';
import { isoOf, parseTime } from './observations';
import type { FulfilledBy, OrderObservation, OrderStatus } from './types';

/** The report's order-status words (Amazon writes several spellings over time). */
const STATUS: Record<string, OrderStatus> = {
	pending: 'PENDING',
	pendingavailability: 'PENDING_AVAILABILITY',
	unshipped: 'UNSHIPPED',
	partiallyshipped: 'PARTIALLY_SHIPPED',
	// "Shipping": some items are on their way, the order is not complete.
	shipping: 'PARTIALLY_SHIPPED',
	shipped: 'SHIPPED',
	complete: 'SHIPPED',
	cancelled: 'CANCELLED',
	canceled: 'CANCELLED',
	unfulfillable: 'UNFULFILLABLE',
};

const CHANNEL: Record<string, FulfilledBy> = { amazon: 'AMAZON', afn: 'AMAZON', merchant: 'MERCHANT', mfn: 'MERCHANT' };

const SERVICE_LEVEL: Record<string, string> = {
	standard: 'STANDARD',
	expedited: 'EXPEDITED',
	secondday: 'SECOND_DAY',
	nextday: 'NEXT_DAY',
	sameday: 'SAME_DAY',
	freeeconomy: 'FREE_ECONOMY',
	priority: 'PRIORITY',
	scheduled: 'SCHEDULED',
};

const MARKETPLACE_BY_SALES_CHANNEL = new Map(MARKETPLACES.map((m) => [m.domain.toLowerCase(), m.id]));

export interface ReportReadOptions {
	/** Keep ship-city/state/postal-code/country (the report's only address data). */
	includeAddress: boolean;
}

export interface ReportRead {
	observations: OrderObservation[];
	/** Rows that could not be read (missing id or dates), for a warning. */
	skippedRows: number;
}

export function readOrdersReport(text: string, options: ReportReadOptions): ReportRead {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const header = (lines.shift() ?? '').split('\t').map((h) => h.trim().toLowerCase());
	const column = (name: string) => header.indexOf(name);
	const idCol = column('amazon-order-id');
	if (idCol < 0) throw new Error('The orders report has no amazon-order-id column');

	const byOrder = new Map<string, Array<Record<string, string>>>();
	let skippedRows = 0;
	for (const line of lines) {
		if (!line.trim()) continue;
		const cells = line.split('\t');
		const row: Record<string, string> = {};
		header.forEach((name, i) => (row[name] = (cells[i] ?? '').trim()));
		const id = row['amazon-order-id'];
		if (!id) {
			skippedRows++;
			continue;
		}
		let rows = byOrder.get(id);
		if (!rows) byOrder.set(id, (rows = []));
		rows.push(row);
	}

	const observations: OrderObservation[] = [];
	for (const [orderId, rows] of byOrder) {
		const obs = observationOfRows(orderId, rows, options);
		if (obs) observations.push(obs);
		else skippedRows += rows.length;
	}
	return { observations, skippedRows };
}

function observationOfRows(orderId: string, rows: Array<Record<string, string>>, options: ReportReadOptions): OrderObservation | undefined {
	const first = rows[0];
	const createdMs = parseTime(first['purchase-date']);
	const updatedMs = parseTime(first['last-updated-date']);
	if (createdMs === undefined || updatedMs === undefined) return undefined;
	const status = STATUS[squash(first['order-status'])];
	const fulfilledBy = CHANNEL[squash(first['fulfillment-channel'])];
	const marketplaceId = MARKETPLACE_BY_SALES_CHANNEL.get((first['sales-channel'] ?? '').toLowerCase());
	const currency = first.currency || marketplaceById(marketplaceId)?.currency;
	const taxIncluded = marketplaceById(marketplaceId)?.pricesIncludeTax ?? false;

	const order: Record<string, unknown> = {
		orderId,
		createdTime: isoOf(createdMs),
		lastUpdatedTime: isoOf(updatedMs),
		salesChannel: {
			channelName: marketplaceId ? 'AMAZON' : 'NON_AMAZON',
			...(marketplaceId ? { marketplaceId } : {}),
			marketplaceName: first['sales-channel'] || undefined,
		},
		fulfillment: {
			...(status ? { fulfillmentStatus: status } : {}),
			...(fulfilledBy ? { fulfilledBy } : {}),
			...(SERVICE_LEVEL[squash(first['ship-service-level'])] ? { fulfillmentServiceLevel: SERVICE_LEVEL[squash(first['ship-service-level'])] } : {}),
		},
		orderItems: rows.map((row) => itemOf(row, currency, taxIncluded)),
	};
	if (first['merchant-order-id']) order.orderAliases = [{ aliasId: first['merchant-order-id'], aliasType: 'SELLER_ORDER_ID' }];
	const programs = first['is-business-order'] === 'true' ? ['AMAZON_BUSINESS'] : [];
	if (programs.length) order.programs = programs;
	if (first['purchase-order-number']) order.buyer = { buyerPurchaseOrderNumber: first['purchase-order-number'] };
	if (options.includeAddress && first['ship-country']) {
		order.recipient = {
			deliveryAddress: {
				city: first['ship-city'] || undefined,
				stateOrRegion: first['ship-state'] || undefined,
				postalCode: first['ship-postal-code'] || undefined,
				countryCode: first['ship-country'],
			},
		};
	}
	return { orderId, createdMs, updatedMs, status, fulfilledBy, marketplaceId, source: 'report', order };
}

function itemOf(row: Record<string, string>, currency: string | undefined, taxIncluded: boolean): Record<string, unknown> {
	const quantity = Number(row.quantity ?? row['quantity-purchased'] ?? '0') || 0;
	const money = (column: string) => amount(row[column]);
	const item: Record<string, unknown> = {
		quantityOrdered: quantity,
		product: { asin: row.asin || undefined, sellerSku: row.sku || undefined, title: row['product-name'] || undefined },
		itemStatus: row['item-status'] || undefined,
	};
	const itemPrice = money('item-price');
	if (itemPrice === undefined || !currency) return item;
	// The report's amounts are line totals; proceeds mirror searchOrders' PROCEEDS breakdowns.
	// Amounts are handled in hundredths so sums stay exact.
	const m = (hundredths: number) => ({ amount: (hundredths / 100).toFixed(2), currencyCode: currency });
	const shipping = money('shipping-price') ?? 0;
	const giftWrap = money('gift-wrap-price') ?? 0;
	const itemDiscount = -Math.abs(money('item-promotion-discount') ?? 0);
	const shipDiscount = -Math.abs(money('ship-promotion-discount') ?? 0);
	const itemTax = money('item-tax') ?? 0;
	const shippingTax = money('shipping-tax') ?? 0;
	const giftWrapTax = money('gift-wrap-tax') ?? 0;
	const breakdowns: Array<Record<string, unknown>> = [{ type: 'ITEM', subtotal: m(itemPrice) }];
	if (shipping) breakdowns.push({ type: 'SHIPPING', subtotal: m(shipping) });
	if (giftWrap) breakdowns.push({ type: 'GIFT_WRAP', subtotal: m(giftWrap) });
	const tax = taxIncluded ? 0 : itemTax + shippingTax + giftWrapTax;
	if (!taxIncluded) {
		const detailed = [{ subtype: 'ITEM', value: m(itemTax) }];
		if (shipping) detailed.push({ subtype: 'SHIPPING', value: m(shippingTax) });
		if (giftWrap) detailed.push({ subtype: 'GIFT_WRAP', value: m(giftWrapTax) });
		breakdowns.push({ type: 'TAX', subtotal: m(tax), detailedBreakdowns: detailed });
	}
	if (itemDiscount || shipDiscount) {
		const detailed = [];
		if (itemDiscount) detailed.push({ subtype: 'ITEM', value: m(itemDiscount) });
		if (shipDiscount) detailed.push({ subtype: 'SHIPPING', value: m(shipDiscount) });
		breakdowns.push({ type: 'DISCOUNT', subtotal: m(itemDiscount + shipDiscount), detailedBreakdowns: detailed });
	}
	const total = itemPrice + shipping + giftWrap + tax + itemDiscount + shipDiscount;
	item.proceeds = { proceedsTotal: m(total), breakdowns };
	if (quantity > 0) (item.product as Record<string, unknown>).price = { unitPrice: m(Math.round(itemPrice / quantity)) };
	const promotionIds = (row['promotion-ids'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
	if (promotionIds.length) item.promotion = { breakdowns: promotionIds.map((promotionId) => ({ promotionId })) };
	return item;
}

/** A report amount in hundredths of the currency unit. */
function amount(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const n = Number(value.replace(',', '.'));
	return Number.isFinite(n) ? Math.round(n * 100) : undefined;
}

function squash(value: string | undefined): string {
	return (value ?? '').toLowerCase().replace(/[^a-z]/g, '');
}
