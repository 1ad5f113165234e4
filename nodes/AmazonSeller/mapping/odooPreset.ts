import { DateTime } from 'luxon';

import { currencyExponent } from '../amazon/currencies';
import { FBA_LOCATION } from './fulfillment';
import { formatMinor, parseMinor } from '../amazon/money';
import type { ErpProductRef, SalesOrder, SalesOrderLine, SalesOrderPartner, SalesOrderPoints } from './salesOrderTypes';

/**
 * The "Odoo" preset: res.partner, sale.order, sale.order.line and stock.move values following the
 * conventions of Odoo's Amazon connector (sale_amazon), ready for n8n's Odoo node:
 * - the customer partner, and a delivery partner (type "delivery", child of the customer) when
 *   name or address differ; the matching key goes to `ref` so a search by ref finds the partner;
 * - product lines named "[SKU] Title" (plus "Condition: …" when not new), shipping and gift wrap
 *   as product lines, gift messages as note lines (display_type "line_note");
 * - price_unit per unit before discount and the discount as a percentage, like the connector;
 * - FBA orders: done stock moves from the "Amazon FBA" location to the customer;
 * - prices with tax excluded, or included on request; always included when Amazon gave no tax
 *   split for a line (tax-included marketplaces such as JP), since the net is then not known:
 *   `priceIncludesTax` says which, and Odoo's taxes on such lines must be "Included in Price".
 * Relational values Odoo wants as ids (country, state, product, partner) are given as the
 * reference to look up, because only the user's Odoo knows the ids.
 */
export interface OdooPresetOptions {
	/** Give price_unit with tax included (for Odoo taxes set "included in price"). */
	priceIncludesTax?: boolean;
}

export interface OdooPartnerValues {
	values: Record<string, string | number | boolean | null>;
	/** For country_id/state_id: look these up in res.country / res.country.state. */
	countryCode: string | null;
	stateOrRegion: string | null;
}

export interface OdooLineValues {
	sequence: number;
	name: string;
	display_type: 'line_note' | false;
	product_id: ErpProductRef | null;
	product_uom_qty: number;
	price_unit: number;
	discount: number;
}

export interface OdooPreset {
	/** How price_unit is given: with tax included (asked for, or forced by a line without Amazon tax split) or not. */
	priceIncludesTax: boolean;
	partner: OdooPartnerValues;
	/** Null when the customer partner also serves as delivery partner. */
	deliveryPartner: OdooPartnerValues | null;
	saleOrder: Record<string, string | null>;
	saleOrderLines: OdooLineValues[];
	/** FBM: create the delivery (picking) from the confirmed order. */
	createPicking: boolean;
	stockMoves: Array<Record<string, string | number | ErpProductRef | null>>;
	/** Amazon Points granted (JP): not a sale.order line; Amazon deducts their cost at settlement. */
	pointsGranted: SalesOrderPoints | null;
}

export function toOdooPreset(order: SalesOrder, options: OdooPresetOptions = {}): OdooPreset {
	const exponent = currencyExponent(order.currency) ?? 2;
	// An unknown tax is never 0 here: lines whose tax is unknown are only ever given tax-included.
	const minor = (line: SalesOrderLine, key: 'subtotal' | 'discount' | 'tax' | 'discountTax') => {
		const money = line[key];
		return money === null ? 0 : parseMinor(money.amount, exponent, key);
	};
	const includeTax = options.priceIncludesTax === true || order.lines.some((line) => line.taxStatus === 'unknown');
	const lines: OdooLineValues[] = [];
	for (const line of order.lines) {
		lines.push(odooLine(lines.length, line, includeTax, minor, exponent));
		if (line.type === 'product' && line.giftMessage) lines.push(noteLine(lines.length, `Gift message:\n${line.giftMessage}`));
	}
	return {
		priceIncludesTax: includeTax,
		partner: partnerValues(order.customer, 'contact', order.customer.isCompany),
		deliveryPartner: order.delivery.sameAsCustomer ? null : partnerValues(order.delivery, 'delivery', false),
		saleOrder: {
			origin: `Amazon Order ${order.reference}`,
			client_order_ref: order.customer.purchaseOrderNumber ?? order.reference,
			date_order: odooDate(order.dates.purchase),
			commitment_date: order.dates.latestDelivery ? odooDate(order.dates.latestDelivery) : null,
			currency: order.currency,
			note: order.fulfillment.instructions,
		},
		saleOrderLines: lines,
		createPicking: order.fulfillment.type === 'deliveryOrder' && order.fulfillment.create,
		stockMoves:
			order.fulfillment.type === 'stockMoves'
				? order.fulfillment.moves.map((move) => ({
						name: `Amazon move: ${order.reference}`,
						product_id: move.erpProduct,
						product_uom_qty: move.quantity,
						quantity: move.quantity,
						location: FBA_LOCATION,
						location_dest: 'Partners/Customers',
						state: 'done',
					}))
				: [],
		pointsGranted: order.pointsGranted,
	};
}

function odooLine(
	sequence: number,
	line: SalesOrderLine,
	includeTax: boolean,
	minor: (line: SalesOrderLine, key: 'subtotal' | 'discount' | 'tax' | 'discountTax') => number,
	exponent: number,
): OdooLineValues {
	// Bring subtotal and discount to the wanted side of tax: tax on the full price is tax +
	// discountTax; on the discount it is discountTax.
	const grossTax = minor(line, 'tax') + minor(line, 'discountTax');
	const discountTax = minor(line, 'discountTax');
	const shift = includeTax === line.priceIncludesTax ? 0 : includeTax ? 1 : -1;
	const subtotal = minor(line, 'subtotal') + shift * grossTax;
	const discount = minor(line, 'discount') + shift * discountTax;
	const quantity = line.quantity;
	return {
		sequence,
		name: line.type === 'product' ? productName(line) : line.name,
		display_type: false,
		product_id: odooId(line.erpProduct),
		product_uom_qty: quantity,
		// Odoo stores price_unit and discount as floats; this is where exact amounts end.
		price_unit: quantity > 0 ? Number(formatMinor(subtotal, exponent)) / quantity : 0,
		discount: subtotal !== 0 ? (discount / subtotal) * 100 : 0,
	};
}

function noteLine(sequence: number, name: string): OdooLineValues {
	return { sequence, name, display_type: 'line_note', product_id: null, product_uom_qty: 0, price_unit: 0, discount: 0 };
}

function productName(line: SalesOrderLine): string {
	const condition = line.condition;
	if (!condition?.type || condition.type.toUpperCase() === 'NEW') return line.name;
	return `${line.name}\nCondition: ${condition.type}${condition.subtype ? ` - ${condition.subtype}` : ''}`;
}

function partnerValues(partner: SalesOrderPartner, type: 'contact' | 'delivery', isCompany: boolean): OdooPartnerValues {
	const address = partner.address;
	const street2 = [address?.line2, address?.line3].filter(Boolean).join(' ') || null;
	return {
		values: {
			name: partner.name,
			type,
			is_company: isCompany,
			customer_rank: 1,
			ref: partner.matchingKey,
			street: address?.line1 ?? null,
			street2,
			zip: address?.postalCode ?? null,
			city: address?.city ?? null,
			phone: partner.phone,
			vat: partner.taxId,
			comment: partner.email ? `Amazon buyer email (anonymised): ${partner.email}` : null,
		},
		countryCode: address?.countryCode ?? null,
		stateOrRegion: address?.stateOrRegion ?? null,
	};
}

/** Odoo ids are integers; a numeric reference is passed as one, anything else as given. */
function odooId(ref: ErpProductRef | null): ErpProductRef | null {
	if (typeof ref === 'string' && /^\d+$/.test(ref)) return Number(ref);
	return ref;
}

/** Odoo's datetime format, in UTC as Odoo stores datetimes. */
function odooDate(iso: string): string {
	return DateTime.fromISO(iso, { zone: 'utc' }).toFormat('yyyy-MM-dd HH:mm:ss');
}
