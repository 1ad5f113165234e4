import { readTransaction, type FlatBreakdown, type FlatTransaction } from '../amazon/finances';
import type { SettlementLine, SettlementReport } from '../amazon/settlementReport';
import { currencyExponent } from '../amazon/currencies';
import { OrderMappingError } from '../amazon/readError';
import { marketplaceByDomain, marketplaceById, type Marketplace } from '../amazon/marketplaces';
import { moneyFormat, type Money, type MoneyFormat } from '../amazon/money';
import type { ErpProductRef } from './salesOrderTypes';

/**
 * Map Refund to Credit Note: one Amazon refund (the settlement rows of a Refund for one order and
 * adjustment id, or a Finances 2024-06-19 refund transaction) becomes a credit note: what the
 * customer got back, per item and kind (principal, shipping, gift wrap, tax, promotions taken
 * back, other charges), and apart from it what the refund did to the seller's Amazon account
 * (fees Amazon returned or kept, marketplace-facilitator tax). Totals are exact minor-unit sums.
 * Pure: no n8n, no I/O.
 *
 * Signs: Amazon signs amounts for the seller (a refunded price is negative). The credit note is
 * written for the customer: a refunded price is positive, a promotion taken back negative.
 * `settlementAmount` keeps Amazon's sign: it is what the refund cost the seller in the payout.
 *
 * Tax is as Amazon splits it. A settlement books a price and its tax as separate amounts, so
 * where Amazon lists tax the prices exclude it. Where it lists none and the marketplace shows
 * prices with VAT (DE, JP… see marketplaces.ts), the tax is unknown: `tax` and `totalExclTax` are
 * null, `priceIncludesTax` true, and a warning says so, rather than presenting a gross amount as net.
 */
export type CreditNoteLineKind = 'product' | 'shipping' | 'giftWrap' | 'promotion' | 'shippingPromotion' | 'charge';

/** One amount of a refund in Amazon's terms, seller-signed minor units. */
export interface RefundComponent {
	sku: string | null;
	orderItemCode: string | null;
	quantity: number | null;
	/** Settlement amount-type (ItemPrice, ItemFees, Promotion…) or the top breakdown type (2024-06-19). */
	amountType: string;
	/** Settlement amount-description (Principal, Tax, Commission…) or the breakdown path below the top. */
	amountDescription: string;
	amount: number;
}

/** A refund, read from either source, before mapping. */
export interface RefundSource {
	source: 'settlementReport' | 'finances';
	orderId: string | null;
	adjustmentId: string | null;
	merchantOrderId: string | null;
	/** Refund, Chargeback Refund, A-to-z Guarantee Refund… */
	transactionType: string;
	currency: string;
	exponent: number;
	marketplaceId: string | null;
	marketplaceName: string | null;
	/** YYYY-MM-DD or an ISO date-time. */
	postedDate: string | null;
	/** Amazon's own total of the refund when it states one (a transaction's totalAmount). */
	statedTotal: number | null;
	components: RefundComponent[];
}

export interface CreditNoteLine {
	kind: CreditNoteLineKind;
	sku: string | null;
	orderItemCode: string | null;
	quantity: number | null;
	name: string;
	/** Amazon's descriptions summed into the line (Principal, Goodwill…). */
	descriptions: string[];
	erpProduct: ErpProductRef | null;
	/** Credited to the customer, as Amazon lists it (tax apart when Amazon splits it). */
	amount: Money;
	/** Tax credited on it; null when unknown. */
	tax: Money | null;
	/** Whether `amount` contains the tax (only when Amazon gave no split). */
	priceIncludesTax: boolean;
	totalExclTax: Money | null;
	total: Money;
}

export interface CreditNoteFee {
	/** e.g. Commission, RefundCommission, FBAPerUnitFulfillmentFee. */
	description: string;
	/** Seller-signed: positive is returned to the seller, negative kept or charged by Amazon. */
	amount: Money;
}

export interface CreditNote {
	schemaVersion: 1;
	/** `<order id>/<adjustment id>` (the order id alone when Amazon gives no adjustment id). */
	reference: string;
	orderId: string | null;
	adjustmentId: string | null;
	merchantOrderId: string | null;
	transactionType: string;
	source: RefundSource['source'];
	currency: string;
	/** YYYY-MM-DD (UTC) the refund was posted. */
	date: string | null;
	marketplace: { id: string | null; name: string | null; country: string | null };
	/** `amazon` (Amazon split the tax), `unknown` (prices include tax but Amazon gave no split). */
	taxStatus: 'amazon' | 'unknown';
	lines: CreditNoteLine[];
	fees: CreditNoteFee[];
	totals: {
		amount: Money;
		tax: Money | null;
		totalExclTax: Money | null;
		/** What the customer got back. */
		total: Money;
		/** Fees Amazon returned (positive) or kept (negative) on this refund. */
		feesReturned: Money;
		/** Marketplace-facilitator tax Amazon collected and now gives back (seller-signed); not the seller's tax. */
		withheldTax: Money;
		/** Amounts of no known kind (seller-signed), listed in warnings. */
		other: Money;
		/** Everything, seller-signed: what the refund did to the payout. */
		settlementAmount: Money;
	};
	/** Amazon's stated total against settlementAmount (2024-06-19 transactions state one). */
	reconciliation: { ok: boolean; status: 'matched' | 'mismatch' | 'unavailable'; stated: Money | null; computed: Money };
	warnings: string[];
}

export interface CreditNoteOptions {
	/** SKU → ERP product, as for Map Order to Sales Order. */
	offers?: ReadonlyMap<string, ErpProductRef>;
	fallbackProduct?: ErpProductRef;
	shippingProduct?: ErpProductRef;
	giftWrapProduct?: ErpProductRef;
	/** ERP product for promotion lines (promotions taken back). */
	promotionProduct?: ErpProductRef;
	/** ERP product for other refunded charges (goodwill, restocking fee, return shipping). */
	chargesProduct?: ErpProductRef;
}

const REFUND_TYPES = /refund|chargeback|guarantee/i;

/** The refunds of a settlement, one per order and adjustment id, in file order. */
export function refundsFromSettlement(report: SettlementReport): RefundSource[] {
	const refunds = new Map<string, RefundSource>();
	for (const line of report.lines) {
		if (!REFUND_TYPES.test(line.transactionType)) continue;
		const key = `${line.transactionType}\u0001${line.orderId ?? ''}\u0001${line.adjustmentId ?? ''}`;
		let refund = refunds.get(key);
		if (!refund) {
			refund = {
				source: 'settlementReport',
				orderId: line.orderId,
				adjustmentId: line.adjustmentId,
				merchantOrderId: line.merchantOrderId,
				transactionType: line.transactionType,
				currency: report.summary.currency,
				exponent: report.summary.exponent,
				marketplaceId: null,
				marketplaceName: line.marketplaceName,
				postedDate: line.postedDateTime ?? line.postedDate,
				statedTotal: null,
				components: [],
			};
			refunds.set(key, refund);
		}
		refund.components.push(componentOf(line));
	}
	return [...refunds.values()];
}

function componentOf(line: SettlementLine): RefundComponent {
	return {
		sku: line.sku,
		orderItemCode: line.orderItemCode,
		quantity: line.quantityPurchased,
		amountType: line.amountType,
		amountDescription: line.amountDescription,
		amount: line.amount,
	};
}

/**
 * A Finances 2024-06-19 refund transaction as a refund. Item breakdowns give the per-SKU lines;
 * a transaction without items is read from its own breakdowns. The adjustment id is the
 * REFUND_ID, else the items' ORDER_ADJUSTMENT_ITEM_ID, else the transaction id.
 */
export function refundFromTransaction(value: unknown, path = ''): RefundSource {
	const transaction: FlatTransaction = isFlat(value) ? value : readTransaction(value, path);
	const components: RefundComponent[] = [];
	const itemsWithBreakdowns = transaction.items.filter((item) => item.breakdowns.length > 0);
	if (itemsWithBreakdowns.length > 0) {
		for (const item of itemsWithBreakdowns) {
			for (const leaf of item.breakdowns) components.push(leafComponent(leaf, item.sku, item.orderAdjustmentItemId, item.quantityShipped));
		}
	} else {
		for (const leaf of transaction.breakdowns) components.push(leafComponent(leaf, null, null, null));
		if (transaction.breakdowns.length === 0 && transaction.totalAmount !== 0) {
			components.push({ sku: null, orderItemCode: null, quantity: null, amountType: 'Total', amountDescription: transaction.description ?? 'Refund', amount: transaction.totalAmount });
		}
	}
	const adjustment = transaction.related.REFUND_ID ?? transaction.items.find((item) => item.orderAdjustmentItemId)?.orderAdjustmentItemId ?? transaction.transactionId;
	return {
		source: 'finances',
		orderId: transaction.orderId,
		adjustmentId: adjustment ?? null,
		merchantOrderId: null,
		transactionType: transaction.transactionType ?? transaction.description ?? 'Refund',
		currency: transaction.currency,
		exponent: transaction.exponent,
		marketplaceId: transaction.marketplaceId,
		marketplaceName: transaction.marketplaceName,
		postedDate: transaction.postedDate,
		statedTotal: transaction.totalAmount,
		components,
	};
}

function isFlat(value: unknown): value is FlatTransaction {
	return typeof value === 'object' && value !== null && Array.isArray((value as FlatTransaction).breakdowns) && typeof (value as FlatTransaction).exponent === 'number';
}

function leafComponent(leaf: FlatBreakdown, sku: string | null, code: string | null, quantity: number | null): RefundComponent {
	const [top, ...rest] = leaf.path;
	return { sku, orderItemCode: code, quantity, amountType: top, amountDescription: rest.join(' / ') || top, amount: leaf.amount };
}

export type RefundAmountClass =
	| { kind: 'customer'; line: CreditNoteLineKind; tax: boolean }
	| { kind: 'fee' }
	| { kind: 'withheld' }
	| { kind: 'other' };

/**
 * What a refund amount is. Settlement amount types decide first (ItemPrice, Promotion, ItemFees,
 * ItemWithheldTax); 2024-06-19 breakdown paths are read by their words.
 */
export function classifyRefundAmount(amountType: string, amountDescription: string): RefundAmountClass {
	const type = amountType.toLowerCase();
	const text = `${type}/${amountDescription.toLowerCase()}`;
	if (type === 'itemwithheldtax' || /withheld|facilitator/.test(text)) return { kind: 'withheld' };
	const customerType = type === 'itemprice' || type === 'promotion';
	if (!customerType && (type === 'itemfees' || /fee|commission/.test(text))) return { kind: 'fee' };
	const tax = /tax/.test(text);
	const promotion = type === 'promotion' || /promotion|discount|coupon/.test(text);
	const shipping = /shipping/.test(text);
	if (promotion) return { kind: 'customer', line: shipping ? 'shippingPromotion' : 'promotion', tax };
	if (shipping) return { kind: 'customer', line: 'shipping', tax };
	if (/gift ?wrap/.test(text)) return { kind: 'customer', line: 'giftWrap', tax };
	if (/principal|principle|product ?charges|ourprice/.test(text) || (type === 'itemprice' && tax)) return { kind: 'customer', line: 'product', tax };
	if (type === 'itemprice' || /^(sales|productcharges)\//.test(text)) return { kind: 'customer', line: 'charge', tax };
	if (tax) return { kind: 'customer', line: 'product', tax };
	return { kind: 'other' };
}

interface LineSum {
	kind: CreditNoteLineKind;
	sku: string | null;
	orderItemCode: string | null;
	quantity: number | null;
	descriptions: Set<string>;
	amount: number;
	tax: number;
}

export function mapRefundToCreditNote(refund: RefundSource, options: CreditNoteOptions = {}): CreditNote {
	const format = moneyFormat(refund.currency, refund.exponent);
	const warnings: string[] = [];
	const lines = new Map<string, LineSum>();
	const fees = new Map<string, number>();
	let withheld = 0;
	let other = 0;
	let settlementAmount = 0;
	let taxListed = false;

	for (const component of refund.components) {
		settlementAmount += component.amount;
		const found = classifyRefundAmount(component.amountType, component.amountDescription);
		if (found.kind === 'fee') {
			fees.set(component.amountDescription, (fees.get(component.amountDescription) ?? 0) + component.amount);
		} else if (found.kind === 'withheld') {
			withheld += component.amount;
		} else if (found.kind === 'other') {
			other += component.amount;
			warnings.push(`"${component.amountType} / ${component.amountDescription}" (${format.money(component.amount).amount} ${refund.currency}) is of no known refund kind; it counts in settlementAmount only.`);
		} else {
			const item = component.sku ?? component.orderItemCode ?? '';
			const key = `${found.line}\u0001${item}`;
			let sum = lines.get(key);
			if (!sum) {
				sum = { kind: found.line, sku: component.sku, orderItemCode: component.orderItemCode, quantity: null, descriptions: new Set(), amount: 0, tax: 0 };
				lines.set(key, sum);
			}
			sum.descriptions.add(component.amountDescription);
			if (component.quantity !== null) sum.quantity = Math.max(sum.quantity ?? 0, component.quantity);
			// Customer-signed: a refunded price is negative for the seller, positive on the credit note.
			if (found.tax) {
				sum.tax -= component.amount;
				if (component.amount !== 0) taxListed = true;
			} else sum.amount -= component.amount;
		}
	}

	const marketplace = marketplaceOf(refund);
	const taxUnknown = !taxListed && marketplace?.pricesIncludeTax !== false;
	if (taxUnknown && lines.size > 0) {
		warnings.push(
			marketplace
				? `Amazon gave no tax split for this refund on ${marketplace.domain}, where prices include tax (VAT, GST, consumption tax): its tax and net amounts are unknown (null) and each line's amount includes the tax. Book it with tax-included prices.`
				: `Amazon gave no tax split for this refund and its marketplace ("${refund.marketplaceName ?? refund.marketplaceId ?? 'none'}") is not known: whether its amounts include tax is unknown (tax and net are null).`,
		);
	}

	const creditLines: CreditNoteLine[] = [];
	let amountTotal = 0;
	let taxTotal = 0;
	for (const sum of lines.values()) {
		if (sum.amount === 0 && sum.tax === 0) continue;
		amountTotal += sum.amount;
		taxTotal += sum.tax;
		const total = sum.amount + sum.tax;
		creditLines.push({
			kind: sum.kind,
			sku: sum.sku,
			orderItemCode: sum.orderItemCode,
			quantity: sum.quantity,
			name: lineName(sum),
			descriptions: [...sum.descriptions],
			erpProduct: productOf(sum, options),
			amount: format.money(sum.amount),
			tax: taxUnknown ? null : format.money(sum.tax),
			priceIncludesTax: taxUnknown,
			totalExclTax: taxUnknown ? null : format.money(sum.amount),
			total: format.money(total),
		});
	}
	const feesReturned = [...fees.values()].reduce((sum, amount) => sum + amount, 0);
	const customerTotal = amountTotal + taxTotal;
	const reconciliation = reconcile(refund.statedTotal, settlementAmount, format);
	if (reconciliation.status === 'mismatch') {
		warnings.push(`Amazon states ${reconciliation.stated?.amount} ${refund.currency} for this refund but its amounts add up to ${reconciliation.computed.amount}.`);
	}
	if (refund.orderId === null) warnings.push('Amazon gave no order id for this refund.');

	return {
		schemaVersion: 1,
		reference: refund.adjustmentId ? `${refund.orderId ?? ''}/${refund.adjustmentId}` : (refund.orderId ?? ''),
		orderId: refund.orderId,
		adjustmentId: refund.adjustmentId,
		merchantOrderId: refund.merchantOrderId,
		transactionType: refund.transactionType,
		source: refund.source,
		currency: refund.currency,
		date: refund.postedDate ? refund.postedDate.slice(0, 10) : null,
		marketplace: { id: marketplace?.id ?? refund.marketplaceId, name: refund.marketplaceName, country: marketplace?.country ?? null },
		taxStatus: taxUnknown ? 'unknown' : 'amazon',
		lines: creditLines,
		fees: [...fees.entries()].map(([description, amount]) => ({ description, amount: format.money(amount) })),
		totals: {
			amount: format.money(amountTotal),
			tax: taxUnknown ? null : format.money(taxTotal),
			totalExclTax: taxUnknown ? null : format.money(amountTotal),
			total: format.money(customerTotal),
			feesReturned: format.money(feesReturned),
			withheldTax: format.money(withheld),
			other: format.money(other),
			settlementAmount: format.money(settlementAmount),
		},
		reconciliation,
		warnings,
	};
}

function marketplaceOf(refund: RefundSource): Marketplace | undefined {
	return marketplaceById(refund.marketplaceId ?? undefined) ?? marketplaceByDomain(refund.marketplaceName ?? undefined);
}

const KIND_NAMES: Record<CreditNoteLineKind, string> = {
	product: 'Refund',
	shipping: 'Shipping refund',
	giftWrap: 'Gift wrap refund',
	promotion: 'Promotion taken back',
	shippingPromotion: 'Shipping promotion taken back',
	charge: 'Other refunded charges',
};

function lineName(sum: LineSum): string {
	const item = sum.sku ? ` [${sum.sku}]` : sum.orderItemCode ? ` (item ${sum.orderItemCode})` : '';
	const detail = sum.kind === 'charge' ? `: ${[...sum.descriptions].join(', ')}` : '';
	return `${KIND_NAMES[sum.kind]}${item}${detail}`;
}

function productOf(sum: LineSum, options: CreditNoteOptions): ErpProductRef | null {
	switch (sum.kind) {
		case 'product':
			return (sum.sku !== null ? options.offers?.get(sum.sku) : undefined) ?? options.fallbackProduct ?? null;
		case 'shipping':
			return options.shippingProduct ?? null;
		case 'giftWrap':
			return options.giftWrapProduct ?? null;
		case 'promotion':
		case 'shippingPromotion':
			return options.promotionProduct ?? null;
		default:
			return options.chargesProduct ?? null;
	}
}

function reconcile(stated: number | null, computed: number, format: MoneyFormat): CreditNote['reconciliation'] {
	if (stated === null) return { ok: true, status: 'unavailable', stated: null, computed: format.money(computed) };
	return { ok: stated === computed, status: stated === computed ? 'matched' : 'mismatch', stated: format.money(stated), computed: format.money(computed) };
}

/**
 * A refund from untyped JSON (an n8n item): a refund as refundsFromSettlement returns it, or a
 * Finances 2024-06-19 transaction (or the flat form readTransaction returns).
 */
export function readRefund(value: unknown, path = ''): RefundSource {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new OrderMappingError(path, 'must be a refund: the rows of one refund from a settlement, or a Finances 2024-06-19 refund transaction');
	}
	const json = value as Record<string, unknown>;
	if (!Array.isArray(json.components)) return refundFromTransaction(value, path);
	const currency = typeof json.currency === 'string' ? json.currency.trim().toUpperCase() : '';
	const exponent = currencyExponent(currency);
	if (exponent === undefined) throw new OrderMappingError(`${path ? `${path}.` : ''}currency`, `"${currency}" is not an ISO 4217 currency code`);
	const text = (key: string) => (typeof json[key] === 'string' && (json[key] as string).trim() ? (json[key] as string).trim() : null);
	const components = json.components.map((entry, index): RefundComponent => {
		const where = `${path ? `${path}.` : ''}components[${index}]`;
		const component = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
		if (typeof component.amount !== 'number' || !Number.isSafeInteger(component.amount)) {
			throw new OrderMappingError(`${where}.amount`, 'must be a whole number of minor units (cents)');
		}
		const str = (key: string) => (typeof component[key] === 'string' ? (component[key] as string) : null);
		return {
			sku: str('sku'),
			orderItemCode: str('orderItemCode'),
			quantity: Number.isInteger(component.quantity) ? (component.quantity as number) : null,
			amountType: str('amountType') ?? '',
			amountDescription: str('amountDescription') ?? '',
			amount: component.amount,
		};
	});
	return {
		source: json.source === 'finances' ? 'finances' : 'settlementReport',
		orderId: text('orderId'),
		adjustmentId: text('adjustmentId'),
		merchantOrderId: text('merchantOrderId'),
		transactionType: text('transactionType') ?? 'Refund',
		currency,
		exponent,
		marketplaceId: text('marketplaceId'),
		marketplaceName: text('marketplaceName'),
		postedDate: text('postedDate'),
		statedTotal: typeof json.statedTotal === 'number' && Number.isSafeInteger(json.statedTotal) ? json.statedTotal : null,
		components,
	};
}
