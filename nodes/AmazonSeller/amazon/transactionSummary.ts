import { attempt } from './attempt';
import { readTransaction, type FlatBreakdown, type FlatTransaction } from './finances';
import { moneyFormat, type Money } from './money';
import { OrderMappingError } from './readError';

/**
 * One Get Transactions output item: Amazon's transaction as Amazon sent it, plus `flat`, the same
 * transaction read exactly (readTransaction): amounts as decimal strings with their currency
 * (never floats), the related identifiers by name, the breakdown tree's leaves and each item's.
 * A transaction the reader cannot read exactly keeps Amazon's JSON and gets `flat: null` and
 * `flatError` saying why, rather than failing the whole page. Pure: no n8n imports, no I/O.
 */
export interface FlatTransactionSummary {
	transactionId: string | null;
	transactionType: string | null;
	transactionStatus: string | null;
	deferred: boolean;
	description: string | null;
	postedDate: string | null;
	marketplaceId: string | null;
	marketplaceName: string | null;
	currency: string;
	totalAmount: Money;
	orderId: string | null;
	settlementId: string | null;
	financialEventGroupId: string | null;
	related: Record<string, string>;
	breakdowns: Array<{ path: string[]; amount: Money }>;
	items: Array<{
		description: string | null;
		sku: string | null;
		asin: string | null;
		quantity: number | null;
		orderAdjustmentItemId: string | null;
		totalAmount: Money | null;
		breakdowns: Array<{ path: string[]; amount: Money }>;
	}>;
	deferral: { reason: string | null; maturityDate: string | null } | null;
	/** totalAmount less the breakdowns; "0.00" when they explain it. */
	unexplained: Money;
	warnings: string[];
}

export function transactionItem(transaction: Record<string, unknown>, path: string): Record<string, unknown> {
	const read = attempt(() => readTransaction(transaction, path));
	if (read.ok) return { ...transaction, flat: flatSummary(read.value) };
	if (!(read.error instanceof OrderMappingError)) throw read.error;
	return { ...transaction, flat: null, flatError: read.error.message };
}

export function flatSummary(transaction: FlatTransaction): FlatTransactionSummary {
	const format = moneyFormat(transaction.currency, transaction.exponent);
	const leaves = (list: FlatBreakdown[]) => list.map((leaf) => ({ path: leaf.path, amount: format.money(leaf.amount) }));
	return {
		transactionId: transaction.transactionId,
		transactionType: transaction.transactionType,
		transactionStatus: transaction.transactionStatus,
		deferred: transaction.deferred,
		description: transaction.description,
		postedDate: transaction.postedDate,
		marketplaceId: transaction.marketplaceId,
		marketplaceName: transaction.marketplaceName,
		currency: transaction.currency,
		totalAmount: format.money(transaction.totalAmount),
		orderId: transaction.orderId,
		settlementId: transaction.settlementId,
		financialEventGroupId: transaction.financialEventGroupId,
		related: { ...transaction.related } as Record<string, string>,
		breakdowns: leaves(transaction.breakdowns),
		items: transaction.items.map((item) => ({
			description: item.description,
			sku: item.sku,
			asin: item.asin,
			quantity: item.quantityShipped,
			orderAdjustmentItemId: item.orderAdjustmentItemId,
			totalAmount: item.totalAmount === null ? null : format.money(item.totalAmount),
			breakdowns: leaves(item.breakdowns),
		})),
		deferral: transaction.deferral,
		unexplained: format.money(transaction.unexplained),
		warnings: transaction.warnings,
	};
}
