import { OrderMappingError, withOrderId } from './errors';
import { buildFulfillment } from './fulfillment';
import { buildLines, chooseTaxTreatment } from './lines';
import { marketplaceById } from '../amazon/marketplaces';
import { moneyFormat } from './money';
import type { NormalizedItem } from './normalizedOrder';
import type { OfferTable } from './offers';
import { normalizeOrder } from './orderShapes';
import { buildPartners } from './partners';
import type { ErpProductRef, MissingOffer, Reconciliation, SalesOrder } from './salesOrderTypes';

/**
 * Maps one Amazon order (Orders API 2026-01-01 or v0, see orderShapes.ts) to an ERP-ready sales
 * order: partners, lines, totals reconciled with Amazon's total, fulfilment and missing offers.
 * Pure: no n8n, no I/O; throws OrderMappingError (field path + reason) on bad input.
 */
// The API the node's action and the trigger use.
export { OrderMappingError } from './errors';
export { buildOfferTable, type OfferTable } from './offers';
export { toOdooPreset, type OdooPreset, type OdooPresetOptions } from './odooPreset';
export type { Money } from './money';
export type * from './salesOrderTypes';

export interface MapOrderOptions {
	/** SKU → ERP product. When given, SKUs not in it are reported in `missingOffers`. */
	offers?: OfferTable;
	/** ERP product for SKUs the table lacks (still reported as missing), like Odoo's default product. */
	fallbackProduct?: ErpProductRef;
	shippingProduct?: ErpProductRef;
	giftWrapProduct?: ErpProductRef;
	/** ERP product for COD fees, other charges and delivery tips. */
	chargesProduct?: ErpProductRef;
}

export function mapOrderToSalesOrder(input: unknown, options: MapOrderOptions = {}): SalesOrder {
	const order = normalizeOrder(input);
	return withOrderId(order.orderId, () => {
		if (order.items.length === 0) throw new OrderMappingError(order.shape === 'v0' ? 'OrderItems' : 'orderItems', 'is empty: an order has at least one item');
		const format = moneyFormat(order.currency, order.exponent);
		const marketplace = marketplaceById(order.marketplaceId);
		const warnings = [...order.warnings];
		const { treatment, warning } = chooseTaxTreatment(order);
		if (warning) warnings.push(warning);

		const { offers, fallbackProduct } = options;
		const productOf = (item: NormalizedItem): ErpProductRef | null =>
			(item.sku !== undefined ? offers?.get(item.sku) : undefined) ?? fallbackProduct ?? null;
		const missingOffers: MissingOffer[] = offers
			? order.items
					.filter((item) => item.sku === undefined || !offers.has(item.sku))
					.map((item) => ({ sku: item.sku ?? null, asin: item.asin ?? null, title: item.title ?? null, orderItemId: item.orderItemId }))
			: [];

		const { lines, totals } = buildLines(order, treatment, format, {
			product: productOf,
			shipping: options.shippingProduct ?? null,
			giftWrap: options.giftWrapProduct ?? null,
			charges: options.chargesProduct ?? null,
		});
		const reconciliation = reconcile(order.orderTotal, totals.total, format);
		if (reconciliation.status === 'mismatch') {
			warnings.push(
				`The lines add up to ${reconciliation.computed.amount} ${order.currency} but Amazon's order total is ${reconciliation.expected?.amount} ${order.currency} (difference ${reconciliation.difference?.amount}).`,
			);
		} else if (reconciliation.status === 'unavailable' && order.status !== 'CANCELLED') {
			warnings.push("Amazon sent no order total (v0 OrderTotal, or 2026-01-01 PROCEEDS), so the totals could not be checked.");
		}
		const { customer, delivery } = buildPartners(order);

		return {
			schemaVersion: 1,
			reference: order.orderId,
			sellerOrderId: order.sellerOrderId ?? null,
			sourceShape: order.shape,
			marketplace: { id: order.marketplaceId ?? null, country: marketplace?.country ?? null, domain: marketplace?.domain ?? null },
			channel: order.channel,
			status: order.status,
			amazonStatus: order.amazonStatus,
			dates: {
				purchase: order.purchaseDate,
				lastUpdate: order.lastUpdateDate ?? null,
				earliestShip: order.earliestShipDate ?? null,
				latestShip: order.latestShipDate ?? null,
				earliestDelivery: order.earliestDeliveryDate ?? null,
				latestDelivery: order.latestDeliveryDate ?? null,
			},
			currency: order.currency,
			isPrime: order.isPrime,
			isBusinessOrder: order.isBusinessOrder,
			isReplacement: order.isReplacement,
			replacedOrderId: order.replacedOrderId ?? null,
			buyerDataAvailable: order.buyer?.name !== undefined || order.buyer?.email !== undefined,
			pricesIncludeTax: marketplace?.pricesIncludeTax ?? null,
			taxTreatment: treatment,
			customer,
			delivery,
			lines,
			totals: {
				subtotal: format.money(totals.subtotal),
				discount: format.money(totals.discount),
				tax: format.money(totals.tax),
				totalExclTax: format.money(totals.totalExclTax),
				total: format.money(totals.total),
			},
			reconciliation,
			fulfillment: buildFulfillment(order, productOf),
			missingOffers,
			warnings,
		};
	});
}

function reconcile(expected: number | undefined, computed: number, format: ReturnType<typeof moneyFormat>): Reconciliation {
	if (expected === undefined) {
		return { ok: true, status: 'unavailable', expected: null, computed: format.money(computed), difference: null };
	}
	const difference = computed - expected;
	return {
		ok: difference === 0,
		status: difference === 0 ? 'matched' : 'mismatch',
		expected: format.money(expected),
		computed: format.money(computed),
		difference: format.money(difference),
	};
}
