import { OrderMappingError, withOrderId } from '../amazon/readError';
import { buildFulfillment } from './fulfillment';
import { buildLines, chooseTaxTreatment } from './lines';
import { marketplaceById } from '../amazon/marketplaces';
import { moneyFormat, type MoneyFormat } from '../amazon/money';
import type { NormalizedItem, NormalizedOrder } from './normalizedOrder';
import type { OfferTable } from './offers';
import { normalizeOrder } from './orderShapes';
import { buildPartners } from './partners';
import type { ErpProductRef, MissingOffer, Reconciliation, SalesOrder, SalesOrderPoints, TaxStatus } from './salesOrderTypes';
import { PROCEEDS_WITHHELD } from './shape2026';
import { buildTaxRateTable, findTaxRate, type TaxRateTable } from './taxRates';

/**
 * Maps one Amazon order (Orders API 2026-01-01 or v0, see orderShapes.ts) to an ERP-ready sales
 * order: partners, lines, totals reconciled with Amazon's total, fulfilment and missing offers.
 * Pure: no n8n, no I/O; throws OrderMappingError (field path + reason) on bad input.
 */
// The API the node's action and the trigger use.
export { OrderMappingError } from '../amazon/readError';
export { buildOfferTable, type OfferTable } from './offers';
export { toOdooPreset, type OdooPreset, type OdooPresetOptions } from './odooPreset';
export type { Money } from '../amazon/money';
export type * from './salesOrderTypes';
export { buildTaxRateTable, type TaxRate, type TaxRateTable } from './taxRates';

export interface MapOrderOptions {
	/** SKU → ERP product. When given, SKUs not in it are reported in `missingOffers`. */
	offers?: OfferTable;
	/** ERP product for SKUs the table lacks (still reported as missing), like Odoo's default product. */
	fallbackProduct?: ErpProductRef;
	shippingProduct?: ErpProductRef;
	giftWrapProduct?: ErpProductRef;
	/** ERP product for COD fees, other charges and delivery tips. */
	chargesProduct?: ErpProductRef;
	/**
	 * VAT/GST rates for tax-included amounts Amazon sends without a tax split (taxRates.ts). Without
	 * them such amounts keep tax and net unknown (null); Amazon's own tax amounts are never replaced.
	 */
	taxRates?: TaxRateTable | unknown;
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

		const rates = taxRateTable(options.taxRates);
		const deliveryCountry = order.address?.countryCode;
		const { lines, totals, unknownTax, rateTax } = buildLines(
			order,
			treatment,
			format,
			{
				product: productOf,
				shipping: options.shippingProduct ?? null,
				giftWrap: options.giftWrapProduct ?? null,
				charges: options.chargesProduct ?? null,
			},
			(item) => rates && findTaxRate(rates, { sku: item?.sku, deliveryCountry, marketplaceId: order.marketplaceId }),
		);
		const taxStatus: TaxStatus = unknownTax > 0 ? 'unknown' : rateTax > 0 ? 'rate' : 'amazon';
		if (unknownTax > 0) warnings.push(unknownTaxWarning(unknownTax, lines.length, marketplace?.domain, rates !== undefined));
		const pointsGranted = orderPoints(order, format);
		const unvalued = order.items.filter((item) => item.pointsGranted && item.pointsGranted.value === undefined);
		if (unvalued.length > 0) {
			const points = unvalued.reduce((sum, item) => sum + (item.pointsGranted?.points ?? 0), 0);
			warnings.push(
				`Amazon granted ${points || 'some'} Amazon Points on ${unvalued.length === order.items.filter((item) => item.pointsGranted).length ? 'this order' : `${unvalued.length} of its items`} but sent no monetary value for them: their cost (which Amazon deducts at settlement) cannot be booked from the order; book it from the settlement.`,
			);
		}
		const reconciliation = reconcile(order.orderTotal, totals.total, format);
		if (reconciliation.status === 'mismatch') {
			warnings.push(
				`The lines add up to ${reconciliation.computed.amount} ${order.currency} but Amazon's order total is ${reconciliation.expected?.amount} ${order.currency} (difference ${reconciliation.difference?.amount}).`,
			);
		} else if (reconciliation.status === 'unavailable' && order.status !== 'CANCELLED') {
			warnings.push(
				PROCEEDS_WITHHELD.includes(order.status)
					? 'Amazon sends no order total for pending orders (v0 OrderTotal, 2026-01-01 PROCEEDS), so the totals could not be checked: map the order again once Amazon releases it.'
					: 'Amazon sent no order total (v0 OrderTotal, or 2026-01-01 PROCEEDS), so the totals could not be checked.',
			);
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
			taxStatus,
			customer,
			delivery,
			lines,
			totals: {
				subtotal: format.money(totals.subtotal),
				discount: format.money(totals.discount),
				tax: unknownTax > 0 ? null : format.money(totals.tax),
				totalExclTax: unknownTax > 0 ? null : format.money(totals.totalExclTax),
				total: format.money(totals.total),
			},
			reconciliation,
			fulfillment: buildFulfillment(order, productOf),
			missingOffers,
			pointsGranted,
			warnings,
		};
	});
}

function taxRateTable(value: unknown): TaxRateTable | undefined {
	if (value === undefined || value === null) return undefined;
	if (isRateTable(value)) return value;
	return buildTaxRateTable(value, 'taxRates');
}

function isRateTable(value: unknown): value is TaxRateTable {
	return typeof value === 'object' && value !== null && (value as TaxRateTable).bySku instanceof Map;
}

function unknownTaxWarning(count: number, lineCount: number, domain: string | undefined, hadRates: boolean): string {
	const where = domain ? `on ${domain}, where prices include tax (VAT, GST, consumption tax)` : 'in tax-included prices';
	const lines = count === lineCount ? 'any line' : `${count} of ${lineCount} lines`;
	const remedy = hadRates ? 'none of the tax rates given applies to them' : 'give VAT rates (tax rates option) to have net and tax computed';
	return (
		`Amazon gave no tax split for ${lines} ${where}: their tax and net amounts are unknown (null) and their totals include the tax. ` +
		`Book them with tax-included prices (in Odoo: taxes "Included in Price"), or ${remedy}.`
	);
}

/** The order's points: the sum over its items (a value only when every item with points has one). */
function orderPoints(order: NormalizedOrder, format: MoneyFormat): SalesOrderPoints | null {
	const granted = order.items.map((item) => item.pointsGranted).filter((points) => points !== undefined);
	if (granted.length === 0) return null;
	const points = granted.every((entry) => entry.points !== undefined) ? granted.reduce((sum, entry) => sum + (entry.points ?? 0), 0) : null;
	const value = granted.every((entry) => entry.value !== undefined) ? format.money(granted.reduce((sum, entry) => sum + (entry.value ?? 0), 0)) : null;
	return { points, value };
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
