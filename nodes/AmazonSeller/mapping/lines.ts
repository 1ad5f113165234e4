import { marketplaceById } from '../amazon/marketplaces';
import type { MoneyFormat } from '../amazon/money';
import { divideRounded } from '../amazon/money';
import type { Charge, ChargeKind, NormalizedItem, NormalizedOrder, TaxTreatment } from './normalizedOrder';
import { CHARGE_KINDS } from './normalizedOrder';
import type { ErpProductRef, SalesOrderLine, SalesOrderLineType, SalesOrderPoints, TaxStatus } from './salesOrderTypes';
import { taxInside, type TaxRate } from './taxRates';

/**
 * Sales-order lines from normalised items: one product line per item, one shipping line for the
 * order (charge minus discount, with tax), one gift-wrap line per wrapped item, and lines for COD
 * fees, other charges and delivery tips. All arithmetic is on integer minor units.
 */
export interface LineProducts {
	product(item: NormalizedItem): ErpProductRef | null;
	shipping: ErpProductRef | null;
	giftWrap: ErpProductRef | null;
	charges: ErpProductRef | null;
}

/**
 * The VAT rate the user supplied for a line, if any (taxRates.ts); asked only for tax-included
 * amounts that Amazon sent without a tax split.
 */
export type LineTaxRate = (item: NormalizedItem | undefined) => TaxRate | undefined;

/** A line's amounts before formatting, in minor units. */
export interface LineAmounts {
	subtotal: number;
	discount: number;
	discountTax: number;
	tax: number;
	total: number;
	totalExclTax: number;
}

/** A line's amounts and where its tax comes from; with `unknown`, tax and net are not known (the numbers are 0 and gross). */
interface LineTax extends LineAmounts {
	taxStatus: TaxStatus;
	taxRate: string | null;
}

/** What a charge costs the customer under a tax treatment. */
export function chargeTotal(charge: Charge, treatment: TaxTreatment): number {
	const tax = charge.tax - charge.discountTax;
	return charge.amount - charge.discount + (treatment === 'exclusive' ? tax : 0);
}

export function orderTotalFor(order: NormalizedOrder, treatment: TaxTreatment): number {
	let total = order.orderCharges.reduce((sum, charge) => sum + charge.amount, 0);
	for (const item of order.items) for (const kind of CHARGE_KINDS) total += chargeTotal(item.charges[kind], treatment);
	return total;
}

/**
 * How amounts hold tax. The default comes from the marketplace (v0, as Odoo reads it) or the
 * model (2026-01-01: additive). When Amazon's own total matches only the other reading, the data
 * wins and a warning says so; when neither matches, the default stays and reconciliation reports it.
 */
export function chooseTaxTreatment(order: NormalizedOrder): { treatment: TaxTreatment; warning?: string } {
	const preferred = order.defaultTaxTreatment;
	// No tax amount at all (not broken out, as in the model's JP example): prices are as the
	// marketplace shows them, so its convention is the truthful reading.
	if (!hasTax(order)) {
		const convention = marketplaceById(order.marketplaceId)?.pricesIncludeTax;
		return { treatment: convention === undefined ? preferred : convention ? 'inclusive' : 'exclusive' };
	}
	if (order.orderTotal === undefined || orderTotalFor(order, preferred) === order.orderTotal) return { treatment: preferred };
	const other: TaxTreatment = preferred === 'inclusive' ? 'exclusive' : 'inclusive';
	if (orderTotalFor(order, other) !== order.orderTotal) return { treatment: preferred };
	return {
		treatment: other,
		warning: `Amazon's order total matches only if prices ${other === 'inclusive' ? 'include' : 'exclude'} tax, unlike the usual reading for this order; amounts were read that way.`,
	};
}

export interface BuiltLines {
	lines: SalesOrderLine[];
	/** Sums of the lines' amounts, in minor units; tax and totalExclTax mean nothing when `unknownTax` > 0. */
	totals: LineAmounts;
	/** Lines whose tax is unknown, and lines whose tax came from a user rate. */
	unknownTax: number;
	rateTax: number;
}

function hasTax(order: NormalizedOrder): boolean {
	return order.items.some((item) => CHARGE_KINDS.some((kind) => item.charges[kind].tax !== 0 || item.charges[kind].discountTax !== 0));
}

export function buildLines(order: NormalizedOrder, treatment: TaxTreatment, format: MoneyFormat, products: LineProducts, rateFor: LineTaxRate = () => undefined): BuiltLines {
	const totals: LineAmounts = { subtotal: 0, discount: 0, discountTax: 0, tax: 0, total: 0, totalExclTax: 0 };
	let unknownTax = 0;
	let rateTax = 0;
	const amountsOf = (charge: Charge, item?: NormalizedItem, taxFree = false): LineTax => {
		const amounts = lineAmounts(charge, treatment, taxFree ? undefined : rateFor, item);
		// Field by field, not over Object.keys: this runs for every line of every order.
		totals.subtotal += amounts.subtotal;
		totals.discount += amounts.discount;
		totals.discountTax += amounts.discountTax;
		totals.tax += amounts.tax;
		totals.total += amounts.total;
		totals.totalExclTax += amounts.totalExclTax;
		if (amounts.taxStatus === 'unknown') unknownTax++;
		if (amounts.taxStatus === 'rate') rateTax++;
		return amounts;
	};
	const serviceLine = (type: SalesOrderLineType, code: string | null, name: string, amounts: LineTax, erpProduct: ErpProductRef | null) =>
		serviceLineOf(type, code, name, amounts, treatment, format, erpProduct);

	const lines: SalesOrderLine[] = order.items.map((item) =>
		productLine(item, amountsOf(item.charges.item, item), treatment, format, products.product(item)),
	);

	const shipping = sumCharges(order.items.map((item) => item.charges.shipping));
	if (hasAmount(shipping)) {
		const level = order.shipServiceLevel ?? null;
		lines.push(serviceLine('shipping', level, level ? `Shipping (${level})` : 'Shipping', amountsOf(shipping), products.shipping));
	}
	for (const item of order.items) {
		if (!hasAmount(item.charges.giftWrap)) continue;
		const level = item.giftWrapLevel ?? null;
		const name = `Gift wrap${level ? ` (${level})` : ''} for ${itemName(item)}`;
		const line = serviceLine('giftWrap', level, name, amountsOf(item.charges.giftWrap, item), products.giftWrap);
		lines.push({ ...line, orderItemId: item.orderItemId, sku: item.sku ?? null, giftMessage: item.giftMessage ?? null });
	}
	const extras: Array<[ChargeKind, string, string]> = [
		['codFee', 'COD_FEE', 'Cash on delivery fee'],
		['other', 'OTHER', 'Other charges'],
	];
	for (const [kind, code, name] of extras) {
		const charge = sumCharges(order.items.map((item) => item.charges[kind]));
		if (hasAmount(charge)) lines.push(serviceLine('charge', code, name, amountsOf(charge), products.charges));
	}
	for (const charge of order.orderCharges) {
		// A delivery tip is the courier's, not a sale: no tax is in it.
		const amounts = amountsOf({ amount: charge.amount, discount: 0, tax: 0, discountTax: 0 }, undefined, true);
		lines.push(serviceLine('charge', charge.code, charge.code === 'DELIVERY_TIP' ? 'Delivery tip' : charge.code, amounts, products.charges));
	}
	return { lines, totals, unknownTax, rateTax };
}

/** "[SKU] Title", the line name Odoo's connector uses. */
export function itemName(item: NormalizedItem): string {
	const title = item.title ?? item.asin ?? item.orderItemId;
	return item.sku ? `[${item.sku}] ${title}` : title;
}

function productLine(
	item: NormalizedItem,
	amounts: LineTax,
	treatment: TaxTreatment,
	format: MoneyFormat,
	erpProduct: ErpProductRef | null,
): SalesOrderLine {
	const unitPrice = item.unitPrice ?? (item.quantityOrdered > 0 ? divideRounded(amounts.subtotal, item.quantityOrdered) : 0);
	return {
		type: 'product',
		code: null,
		name: itemName(item),
		orderItemId: item.orderItemId,
		sku: item.sku ?? null,
		asin: item.asin ?? null,
		title: item.title ?? null,
		condition: {
			type: item.conditionType ?? null,
			subtype: item.conditionSubtype ?? null,
			note: item.conditionNote ?? null,
		},
		erpProduct,
		quantity: item.quantityOrdered,
		quantityShipped: item.quantityShipped ?? null,
		unitPrice: format.money(unitPrice),
		...formatAmounts(amounts, format),
		priceIncludesTax: treatment === 'inclusive',
		giftMessage: item.giftMessage ?? null,
		promotionIds: item.promotionIds,
		pointsGranted: pointsOf(item, format),
	};
}

function pointsOf(item: NormalizedItem, format: MoneyFormat): SalesOrderPoints | null {
	const granted = item.pointsGranted;
	if (!granted) return null;
	return { points: granted.points ?? null, value: granted.value === undefined ? null : format.money(granted.value) };
}

function serviceLineOf(
	type: SalesOrderLineType,
	code: string | null,
	name: string,
	amounts: LineTax,
	treatment: TaxTreatment,
	format: MoneyFormat,
	erpProduct: ErpProductRef | null,
): SalesOrderLine {
	return {
		type,
		code,
		name,
		orderItemId: null,
		sku: null,
		asin: null,
		title: null,
		condition: null,
		erpProduct,
		quantity: 1,
		quantityShipped: null,
		unitPrice: format.money(amounts.subtotal),
		...formatAmounts(amounts, format),
		priceIncludesTax: treatment === 'inclusive',
		giftMessage: null,
		promotionIds: [],
		pointsGranted: null,
	};
}

/**
 * A charge's amounts. A tax-included amount that Amazon sent with no tax at all has an unknown tax
 * (a zero there is Amazon's silence, not a zero rate): it is computed from the user's rate when
 * there is one, else reported unknown.
 */
function lineAmounts(charge: Charge, treatment: TaxTreatment, rateFor: LineTaxRate | undefined, item: NormalizedItem | undefined): LineTax {
	const tax = charge.tax - charge.discountTax;
	const total = chargeTotal(charge, treatment);
	const noSplit = treatment === 'inclusive' && charge.tax === 0 && charge.discountTax === 0 && total !== 0;
	// The user's rate is looked up only for tax-included amounts Amazon gave without a tax split.
	const found = noSplit && rateFor ? rateFor(item) : undefined;
	if (found) {
		const lineTax = taxInside(total, found);
		const discountTax = taxInside(charge.discount, found);
		return { subtotal: charge.amount, discount: charge.discount, discountTax, tax: lineTax, total, totalExclTax: total - lineTax, taxStatus: 'rate', taxRate: found.text };
	}
	const taxStatus: TaxStatus = noSplit && rateFor ? 'unknown' : 'amazon';
	return { subtotal: charge.amount, discount: charge.discount, discountTax: charge.discountTax, tax, total, totalExclTax: total - tax, taxStatus, taxRate: null };
}

function formatAmounts(amounts: LineTax, format: MoneyFormat) {
	const known = amounts.taxStatus !== 'unknown';
	return {
		subtotal: format.money(amounts.subtotal),
		discount: format.money(amounts.discount),
		discountTax: known ? format.money(amounts.discountTax) : null,
		tax: known ? format.money(amounts.tax) : null,
		taxStatus: amounts.taxStatus,
		taxRate: amounts.taxRate,
		totalExclTax: known ? format.money(amounts.totalExclTax) : null,
		total: format.money(amounts.total),
	};
}

function sumCharges(charges: Charge[]): Charge {
	const sum = { amount: 0, discount: 0, tax: 0, discountTax: 0 };
	for (const charge of charges) {
		sum.amount += charge.amount;
		sum.discount += charge.discount;
		sum.tax += charge.tax;
		sum.discountTax += charge.discountTax;
	}
	return sum;
}

function hasAmount(charge: Charge): boolean {
	return charge.amount !== 0 || charge.discount !== 0 || charge.tax !== 0 || charge.discountTax !== 0;
}
