import { OrderMappingError } from './readError';
import { parseMinor, requireExponent } from './money';
import { at, isRecord, optArray, optDate, optRecord, optString, records, type Json } from './read';

/**
 * Amazon's finances, read exactly: Finances API 2024-06-19 `Transaction`s flattened to minor
 * units, and the Finances v0 `FinancialEventGroup` (a settlement period) as a payout summary.
 * Pure: no n8n imports, no I/O. Errors name the JSON path (OrderMappingError: path + reason).
 *
 * WHICH SOURCE GIVES EXACT PER-SETTLEMENT TOTALS (the call the lead follows):
 * the settlement report (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2, read by
 * settlementReport.ts) is the source of a payout's total and lines; v0 event groups find and
 * confirm payouts; 2024-06-19 transactions serve everything per order and before a period closes.
 * - Which one Amazon keeps current: Finances 2024-06-19 is the current API. Amazon deprecated the
 *   v0 *event* operations (listFinancialEvents, …ByGroupId, …ByOrderId; removal announced for
 *   2026-08-28) in its favour; v0 listFinancialEventGroups is not part of that deprecation. The
 *   settlement report is a Reports API document Amazon still generates for every closed period.
 * - Which one links transactions to a settlement: every settlement-report row carries the
 *   settlement-id (and its order-id); a 2024-06-19 transaction names its group in
 *   relatedIdentifiers (FINANCIAL_EVENT_GROUP_ID, SETTLEMENT_ID) and can be listed by
 *   FINANCIAL_EVENT_GROUP_ID, but only page by page (0.5 requests/s), with amounts as JSON
 *   numbers, and including DEFERRED transactions that are not paid out yet.
 * - Which one has the deposit: the report's summary row (total-amount, deposit-date) and the v0
 *   event group (OriginalTotal, FundTransferDate, FundTransferStatus, TraceId, AccountTail). A
 *   2024-06-19 transaction list has no deposit figure at all; summing it would reconstruct one
 *   and could drift by whatever is deferred, reserved or posted late.
 * So: a payout = one settlement report, read whole (calls independent of its size: getReports,
 * getReportDocument, one download), whose rows add up to its total-amount to the cent (checked).
 * The v0 group (ProcessingStatus Closed, FundTransferStatus) tells that the money moved and is the
 * cross-check of the deposit; 2024-06-19 transactions give refunds as they post, per-order lookups
 * and deferred amounts, never a payout's total.
 */

/** An amount in minor units with its currency (ISO 4217). */
export interface MinorAmount {
	amount: number;
	currency: string;
}

export type RelatedIdentifierName =
	| 'ORDER_ID'
	| 'SHIPMENT_ID'
	| 'FINANCIAL_EVENT_GROUP_ID'
	| 'REFUND_ID'
	| 'INVOICE_ID'
	| 'DISBURSEMENT_ID'
	| 'TRANSFER_ID'
	| 'DEFERRED_TRANSACTION_ID'
	| 'RELEASE_TRANSACTION_ID'
	| 'SETTLEMENT_ID';

/** A leaf of a transaction's breakdown tree: `path` from the top type down, `amount` in minor units. */
export interface FlatBreakdown {
	path: string[];
	amount: number;
}

export interface FlatTransactionItem {
	description: string | null;
	totalAmount: number | null;
	orderAdjustmentItemId: string | null;
	couponId: string | null;
	removalShipmentItemId: string | null;
	transactionId: string | null;
	/** From the item's ProductContext. */
	sku: string | null;
	asin: string | null;
	quantityShipped: number | null;
	fulfillmentNetwork: string | null;
	breakdowns: FlatBreakdown[];
}

export type TransactionStatus = 'DEFERRED' | 'RELEASED' | 'DEFERRED_RELEASED';

export interface FlatTransaction {
	transactionId: string | null;
	/** e.g. Shipment, Refund, ServiceFee. */
	transactionType: string | null;
	/** Upper case (the model's example writes "Released"); null when absent. */
	transactionStatus: TransactionStatus | string | null;
	/** DEFERRED: posted but held back; it is not in any payout until RELEASED. */
	deferred: boolean;
	description: string | null;
	postedDate: string | null;
	marketplaceId: string | null;
	marketplaceName: string | null;
	sellingPartnerId: string | null;
	accountType: string | null;
	currency: string;
	exponent: number;
	totalAmount: number;
	/** relatedIdentifiers by name (the first value of each); absent names are not listed. */
	related: Partial<Record<RelatedIdentifierName, string>>;
	orderId: string | null;
	settlementId: string | null;
	financialEventGroupId: string | null;
	/** Leaves of the transaction's breakdown tree. */
	breakdowns: FlatBreakdown[];
	items: FlatTransactionItem[];
	deferral: { reason: string | null; maturityDate: string | null } | null;
	/** totalAmount − sum of the top-level breakdowns; 0 when they explain the total (or there are none). */
	unexplained: number;
	warnings: string[];
}

/**
 * One 2024-06-19 Transaction, flattened. Every amount must be in the transaction's currency
 * (totalAmount.currencyCode); numbers are read through their decimal form and must not carry
 * more decimals than the currency has.
 */
export function readTransaction(value: unknown, path = ''): FlatTransaction {
	if (!isRecord(value)) throw new OrderMappingError(path, 'must be a Finances 2024-06-19 Transaction object');
	const total = optRecord(value, 'totalAmount', path);
	if (!total) throw new OrderMappingError(at(path, 'totalAmount'), 'is missing');
	const currency = optString(total, 'currencyCode', at(path, 'totalAmount'));
	if (!currency) throw new OrderMappingError(at(at(path, 'totalAmount'), 'currencyCode'), 'is missing');
	const money = moneyReader(currency, at(at(path, 'totalAmount'), 'currencyCode'));
	const totalAmount = money(value, 'totalAmount', path) as number;
	const warnings: string[] = [];

	const related = relatedIdentifiers(value, path);
	const status = optString(value, 'transactionStatus', path)?.toUpperCase() ?? null;
	const marketplace = optRecord(value, 'marketplaceDetails', path) ?? {};
	const partner = optRecord(value, 'sellingPartnerMetadata', path) ?? {};
	const breakdownList = breakdownsOf(value, path);
	const { leaves, topTotal } = flattenBreakdowns(breakdownList.list, breakdownList.path, money, warnings);
	const unexplained = leaves.length > 0 ? totalAmount - topTotal : 0;
	if (unexplained !== 0) {
		warnings.push(`The breakdowns add up to ${topTotal} minor units but totalAmount is ${totalAmount} (${currency}); the difference is not explained by Amazon.`);
	}
	const contexts = contextsOf(value, path);
	const deferredContext = contexts.find((context) => context.contextType === 'DeferredContext');

	return {
		transactionId: optString(value, 'transactionId', path) ?? null,
		transactionType: optString(value, 'transactionType', path) ?? null,
		transactionStatus: status,
		deferred: status === 'DEFERRED',
		description: optString(value, 'description', path) ?? null,
		postedDate: optDate(value, 'postedDate', path) ?? null,
		marketplaceId: optString(marketplace, 'marketplaceId', at(path, 'marketplaceDetails')) ?? optString(partner, 'marketplaceId', at(path, 'sellingPartnerMetadata')) ?? null,
		marketplaceName: optString(marketplace, 'marketplaceName', at(path, 'marketplaceDetails')) ?? null,
		sellingPartnerId: optString(partner, 'sellingPartnerId', at(path, 'sellingPartnerMetadata')) ?? null,
		accountType: optString(partner, 'accountType', at(path, 'sellingPartnerMetadata')) ?? null,
		currency,
		exponent: money.exponent,
		totalAmount,
		related,
		orderId: related.ORDER_ID ?? null,
		settlementId: related.SETTLEMENT_ID ?? null,
		financialEventGroupId: related.FINANCIAL_EVENT_GROUP_ID ?? null,
		breakdowns: leaves,
		items: records(optArray(value, 'items', path), at(path, 'items')).map(([item, itemPath]) => readItem(item, itemPath, money, warnings)),
		deferral: deferredContext
			? {
					reason: optString(deferredContext, 'deferralReason', deferredContext.path) ?? null,
					maturityDate: optDate(deferredContext, 'maturityDate', deferredContext.path) ?? null,
				}
			: status === 'DEFERRED'
				? { reason: null, maturityDate: null }
				: null,
		unexplained,
		warnings,
	};
}

/** Every transaction of a listTransactions response (or its payload, or a plain list). */
export function readTransactions(value: unknown, path = ''): FlatTransaction[] {
	let list: unknown = value;
	let listPath = path;
	if (isRecord(list) && isRecord(list.payload)) {
		list = list.payload;
		listPath = at(listPath, 'payload');
	}
	if (isRecord(list) && Array.isArray(list.transactions)) {
		listPath = at(listPath, 'transactions');
		list = list.transactions;
	}
	if (!Array.isArray(list)) throw new OrderMappingError(path, 'must be a listTransactions response, its payload or a list of transactions');
	return list.map((entry, index) => readTransaction(entry, at(listPath, index)));
}

/** The payout a v0 FinancialEventGroup describes, as a Payout event needs it. */
export interface PayoutSummary {
	financialEventGroupId: string;
	/** "Open" or "Closed" as Amazon writes it (sandbox data also shows other words). */
	processingStatus: string | null;
	/** The period is closed: its total is final. */
	closed: boolean;
	fundTransferStatus: string | null;
	start: string | null;
	end: string | null;
	/** When the disbursement or charge was initiated; only for closed groups. */
	fundTransferDate: string | null;
	/** Closed: the amount disbursed (or charged, negative); open: the running balance. Marketplace currency. */
	originalTotal: MinorAmount | null;
	/** The same in the currency paid out. */
	convertedTotal: MinorAmount | null;
	beginningBalance: MinorAmount | null;
	traceId: string | null;
	accountTail: string | null;
}

export function readFinancialEventGroup(value: unknown, path = ''): PayoutSummary {
	if (!isRecord(value)) throw new OrderMappingError(path, 'must be a Finances v0 FinancialEventGroup object');
	const id = optString(value, 'FinancialEventGroupId', path);
	if (!id) throw new OrderMappingError(at(path, 'FinancialEventGroupId'), 'is missing');
	const status = optString(value, 'ProcessingStatus', path) ?? null;
	return {
		financialEventGroupId: id,
		processingStatus: status,
		closed: status?.toLowerCase() === 'closed',
		fundTransferStatus: optString(value, 'FundTransferStatus', path) ?? null,
		start: optDate(value, 'FinancialEventGroupStart', path) ?? null,
		end: optDate(value, 'FinancialEventGroupEnd', path) ?? null,
		fundTransferDate: optDate(value, 'FundTransferDate', path) ?? null,
		originalTotal: v0Amount(value, 'OriginalTotal', path),
		convertedTotal: v0Amount(value, 'ConvertedTotal', path),
		beginningBalance: v0Amount(value, 'BeginningBalance', path),
		traceId: optString(value, 'TraceId', path) ?? null,
		accountTail: optString(value, 'AccountTail', path) ?? null,
	};
}

/** Every group of a listFinancialEventGroups response (or its payload, or a plain list). */
export function readFinancialEventGroups(value: unknown, path = ''): PayoutSummary[] {
	let list: unknown = value;
	let listPath = path;
	if (isRecord(list) && isRecord(list.payload)) {
		list = list.payload;
		listPath = at(listPath, 'payload');
	}
	if (isRecord(list) && Array.isArray(list.FinancialEventGroupList)) {
		listPath = at(listPath, 'FinancialEventGroupList');
		list = list.FinancialEventGroupList;
	}
	if (!Array.isArray(list)) throw new OrderMappingError(path, 'must be a listFinancialEventGroups response, its payload or a list of groups');
	return list.map((entry, index) => readFinancialEventGroup(entry, at(listPath, index)));
}

// ——— internals ———

interface MoneyReader {
	(obj: Json, key: string, path: string): number | undefined;
	exponent: number;
}

/** Reads 2024-06-19 Currency objects {currencyCode, currencyAmount} of one currency. */
function moneyReader(currency: string, currencyPath: string): MoneyReader {
	const exponent = requireExponent(currency, currencyPath);
	const read = ((obj: Json, key: string, path: string) => {
		const money = optRecord(obj, key, path);
		if (!money) return undefined;
		const moneyPath = at(path, key);
		const code = optString(money, 'currencyCode', moneyPath);
		if (code !== undefined && code !== currency) {
			throw new OrderMappingError(at(moneyPath, 'currencyCode'), `is ${code} but the transaction is in ${currency}`);
		}
		if (money.currencyAmount === undefined || money.currencyAmount === null) throw new OrderMappingError(at(moneyPath, 'currencyAmount'), 'is missing');
		return parseMinor(money.currencyAmount, exponent, at(moneyPath, 'currencyAmount'));
	}) as MoneyReader;
	read.exponent = exponent;
	return read;
}

function v0Amount(obj: Json, key: string, path: string): MinorAmount | null {
	const money = optRecord(obj, key, path);
	if (!money) return null;
	const moneyPath = at(path, key);
	const currency = optString(money, 'CurrencyCode', moneyPath);
	if (!currency) throw new OrderMappingError(at(moneyPath, 'CurrencyCode'), 'is missing');
	const exponent = requireExponent(currency, at(moneyPath, 'CurrencyCode'));
	if (money.CurrencyAmount === undefined || money.CurrencyAmount === null) throw new OrderMappingError(at(moneyPath, 'CurrencyAmount'), 'is missing');
	return { amount: parseMinor(money.CurrencyAmount, exponent, at(moneyPath, 'CurrencyAmount')), currency };
}

function relatedIdentifiers(obj: Json, path: string): Partial<Record<RelatedIdentifierName, string>> {
	const related: Partial<Record<RelatedIdentifierName, string>> = {};
	for (const [entry, entryPath] of records(optArray(obj, 'relatedIdentifiers', path), at(path, 'relatedIdentifiers'))) {
		const name = optString(entry, 'relatedIdentifierName', entryPath) as RelatedIdentifierName | undefined;
		const value = optString(entry, 'relatedIdentifierValue', entryPath);
		if (name && value && related[name] === undefined) related[name] = value;
	}
	return related;
}

/**
 * The breakdown list: the schema makes it an array; the model's own Transaction example wraps it
 * as {breakdowns: [...]}, so both are read.
 */
function breakdownsOf(obj: Json, path: string): { list: unknown[]; path: string } {
	const value = obj.breakdowns;
	if (value === undefined || value === null) return { list: [], path: at(path, 'breakdowns') };
	if (Array.isArray(value)) return { list: value, path: at(path, 'breakdowns') };
	if (isRecord(value) && Array.isArray(value.breakdowns)) return { list: value.breakdowns, path: at(at(path, 'breakdowns'), 'breakdowns') };
	throw new OrderMappingError(at(path, 'breakdowns'), 'must be a list of breakdowns');
}

/**
 * Leaves of a breakdown tree. A node's children should add up to the node; where they do not,
 * the rest stays as a leaf "(rest)" under the node (and a warning says so), so no amount is lost.
 */
function flattenBreakdowns(list: unknown[], path: string, money: MoneyReader, warnings: string[]): { leaves: FlatBreakdown[]; topTotal: number } {
	const leaves: FlatBreakdown[] = [];
	let topTotal = 0;
	const walk = (nodes: unknown[], nodesPath: string, parents: string[]): number => {
		let sum = 0;
		for (const [node, nodePath] of records(nodes, nodesPath)) {
			const type = optString(node, 'breakdownType', nodePath) ?? '(untyped)';
			const own = money(node, 'breakdownAmount', nodePath);
			const children = breakdownsOf(node, nodePath);
			const nodeParents = [...parents, type];
			if (children.list.length === 0) {
				if (own === undefined) throw new OrderMappingError(at(nodePath, 'breakdownAmount'), 'is missing on a breakdown without sub-breakdowns');
				leaves.push({ path: nodeParents, amount: own });
				sum += own;
				continue;
			}
			const childSum = walk(children.list, children.path, nodeParents);
			if (own !== undefined && own !== childSum) {
				leaves.push({ path: [...nodeParents, '(rest)'], amount: own - childSum });
				warnings.push(`Breakdown ${nodeParents.join(' / ')} is ${own} minor units but its parts add up to ${childSum}; the rest is kept as "(rest)".`);
			}
			sum += own ?? childSum;
		}
		return sum;
	};
	topTotal = walk(list, path, []);
	return { leaves, topTotal };
}

type ContextRecord = Json & { contextType?: unknown; path: string };

function contextsOf(obj: Json, path: string): ContextRecord[] {
	return records(optArray(obj, 'contexts', path), at(path, 'contexts')).map(([context, contextPath]) => ({ ...context, path: contextPath }));
}

function readItem(item: Json, path: string, money: MoneyReader, warnings: string[]): FlatTransactionItem {
	const identifiers: Record<string, string> = {};
	for (const [entry, entryPath] of records(optArray(item, 'relatedIdentifiers', path), at(path, 'relatedIdentifiers'))) {
		const name = optString(entry, 'itemRelatedIdentifierName', entryPath);
		const value = optString(entry, 'itemRelatedIdentifierValue', entryPath);
		if (name && value && identifiers[name] === undefined) identifiers[name] = value;
	}
	const product = contextsOf(item, path).find((context) => context.contextType === 'ProductContext' || 'sku' in context || 'asin' in context);
	const quantity = product?.quantityShipped;
	const itemBreakdowns = breakdownsOf(item, path);
	return {
		description: optString(item, 'description', path) ?? null,
		totalAmount: money(item, 'totalAmount', path) ?? null,
		orderAdjustmentItemId: identifiers.ORDER_ADJUSTMENT_ITEM_ID ?? null,
		couponId: identifiers.COUPON_ID ?? null,
		removalShipmentItemId: identifiers.REMOVAL_SHIPMENT_ITEM_ID ?? null,
		transactionId: identifiers.TRANSACTION_ID ?? null,
		sku: (product && optString(product, 'sku', product.path)) ?? null,
		asin: (product && optString(product, 'asin', product.path)) ?? null,
		quantityShipped: typeof quantity === 'number' && Number.isInteger(quantity) ? quantity : null,
		fulfillmentNetwork: (product && optString(product, 'fulfillmentNetwork', product.path)) ?? null,
		breakdowns: flattenBreakdowns(itemBreakdowns.list, itemBreakdowns.path, money, warnings).leaves,
	};
}
