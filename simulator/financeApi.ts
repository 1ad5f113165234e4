/**
 * `sim.finance`: the test hooks for the money side (see simulator/README.md). Every accessor first
 * brings the books up to the clock, like the HTTP API does.
 */
import type { AccountKey, SimAccount } from './data/accounts';
import { currenciesOf, type Ledger } from './data/finance/ledger';
import { formatAmount, MARKETPLACES } from './data/marketplaces';
import { settlementLines, settlementLocale } from './data/finance/settlementReport';
import type { MoneyKind, MoneyTransaction, ReturnDisposition, SettlementPeriod, SimReturn, TransactionStatus } from './data/finance/types';
import { fundTransferStatus } from './data/finance/viewsV0';

export type { MoneyKind, MoneyComponent, MoneyItem, ReturnDisposition, SimReturn, TransactionStatus } from './data/finance/types';

/** A settlement period as tests see it. Amounts in minor units (hundredths, JPY too); times in ms. */
export interface SimSettlement {
	/** The settlement file's settlement-id (2024-06-19 SETTLEMENT_ID). */
	settlementId: string;
	/** Finances v0 FinancialEventGroupId (2024-06-19 FINANCIAL_EVENT_GROUP_ID). */
	financialEventGroupId: string;
	account: AccountKey;
	sellerId: string;
	currency: string;
	marketplaceIds: string[];
	status: 'Open' | 'Closed';
	start: number;
	/** The planned close while open, the actual close once closed. */
	end: number;
	/** Closed periods: the deposit date (= v0 FundTransferDate). */
	depositDate?: number;
	/** Σ of its transactions: the deposit once closed (may be negative). */
	total: number;
	/** total as the settlement file writes total-amount (the marketplace's decimal separator, JPY whole). */
	totalAmount: string;
	/** v0 FundTransferStatus: Processing, then Succeeded 3 days after the close; absent while open. */
	fundTransferStatus?: string;
	transactionIds: string[];
	/** The GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 report, once closed. */
	reportId?: string;
}

/** A money transaction without its back-reference to the period. */
export type SimTransaction = Omit<MoneyTransaction, 'settlement'> & { settlementId?: string; financialEventGroupId?: string };

/** What a correct settlement import must book, computed from the simulator's own records. */
export interface ExpectedJournal {
	settlementId: string;
	currency: string;
	status: 'Open' | 'Closed';
	/** The bank deposit (minor units) = Σ lines = the file's total-amount = the v0 group total. */
	deposit: number;
	/** As the file writes it. */
	depositAmount: string;
	/** Σ per (transaction-type, amount-type, amount-description), in order of first appearance. */
	lines: Array<{ transactionType: string; amountType: string; amountDescription: string; amount: number }>;
	/** Net per order id over its rows in this settlement (what the ERP marks paid). */
	byOrder: Record<string, number>;
	/** Σ of rows without an order (service fees). */
	nonOrder: number;
}

export interface MoneySummary {
	transactions: number;
	deferred: number;
	refunds: number;
	chargebacks: number;
	serviceFees: number;
	returns: number;
	closedPeriods: number;
	openPeriods: Array<{ account: AccountKey; currency: string; settlementId: string; financialEventGroupId: string; start: string; plannedEnd: string; total: string; transactions: number }>;
}

export interface SimRefundInput {
	/** Lines to refund: `quantity` units, or a `share` (0..1] of the line; all shipped lines in full when omitted. */
	items?: Array<{ orderItemId: string; quantity?: number; share?: number }>;
	/** Give back shipping and gift wrap too (default: only for a refund of the whole order). */
	withShipping?: boolean;
	reason?: string;
	/** Posts the refund DEFERRED (DeferredContext with this reason and maturity, ms) and releases it at maturity. */
	deferral?: { reason: string; maturity: number };
}

export interface SimReturnInput {
	orderItemId?: string;
	quantity?: number;
	reason?: string;
	disposition?: ReturnDisposition;
	customerComments?: string;
	/** Post the refund right after the return (default true). */
	refund?: boolean;
}

export interface SimFinance {
	/** Settlement periods, oldest first. */
	periods(filter?: { account?: AccountKey; currency?: string; status?: 'Open' | 'Closed' }): SimSettlement[];
	/** Closes the open period of an account (in `currency`, default its home currency) now, publishing its settlement report. */
	closePeriod(account: AccountKey, currency?: string): SimSettlement;
	transactions(filter?: { account?: AccountKey; orderId?: string; settlementId?: string; status?: TransactionStatus; kind?: MoneyKind }): SimTransaction[];
	/** Posts a refund now; throws when nothing shipped is left to refund. */
	refund(orderId: string, input?: SimRefundInput): SimTransaction;
	/** Posts a chargeback now (same shape as a refund). */
	chargeback(orderId: string, input?: SimRefundInput): SimTransaction;
	/** A customer return received now (FBA or FBM by the order), then its refund unless `refund: false`. */
	addReturn(orderId: string, input?: SimReturnInput): { return: SimReturn; refund?: SimTransaction };
	returns(filter?: { account?: AccountKey; orderId?: string; fulfillment?: 'AFN' | 'MFN' }): SimReturn[];
	expectedJournal(settlementId: string): ExpectedJournal;
	summary(): MoneySummary;
}

export function settlementView(p: SettlementPeriod, now: number): SimSettlement {
	const out: SimSettlement = {
		settlementId: p.settlementId,
		financialEventGroupId: p.groupId,
		account: p.account,
		sellerId: p.sellerId,
		currency: p.currency,
		marketplaceIds: [...p.marketplaceIds],
		status: p.status,
		start: p.start,
		end: p.end,
		total: p.total,
		totalAmount: settlementLocale(p.currency).amount(p.total),
		transactionIds: p.transactions.map((t) => t.transactionId),
	};
	if (p.depositDate !== undefined) out.depositDate = p.depositDate;
	const transfer = fundTransferStatus(p, now);
	if (transfer) out.fundTransferStatus = transfer;
	if (p.reportId) out.reportId = p.reportId;
	return out;
}

export function transactionView(t: MoneyTransaction): SimTransaction {
	const { settlement, ...rest } = t;
	const out: SimTransaction = { ...rest };
	if (settlement) {
		out.settlementId = settlement.settlementId;
		out.financialEventGroupId = settlement.groupId;
	}
	return out;
}

export function expectedJournal(p: SettlementPeriod): ExpectedJournal {
	const lines = new Map<string, ExpectedJournal['lines'][number]>();
	const byOrder: Record<string, number> = {};
	let nonOrder = 0;
	for (const tx of p.transactions) {
		for (const l of settlementLines(tx)) {
			const key = `${l.transactionType}\u0000${l.amountType}\u0000${l.amountDescription}`;
			const line = lines.get(key) ?? { transactionType: l.transactionType, amountType: l.amountType, amountDescription: l.amountDescription, amount: 0 };
			line.amount += l.amount;
			lines.set(key, line);
			if (l.orderId) byOrder[l.orderId] = (byOrder[l.orderId] ?? 0) + l.amount;
			else nonOrder += l.amount;
		}
	}
	return {
		settlementId: p.settlementId,
		currency: p.currency,
		status: p.status,
		deposit: p.total,
		depositAmount: settlementLocale(p.currency).amount(p.total),
		lines: [...lines.values()],
		byOrder,
		nonOrder,
	};
}

export function moneySummary(ledger: Ledger): MoneySummary {
	const count = (kind: MoneyKind) => ledger.transactions.filter((t) => t.kind === kind).length;
	return {
		transactions: ledger.transactions.length,
		deferred: ledger.transactions.filter((t) => t.status === 'DEFERRED').length,
		refunds: count('Refund'),
		chargebacks: count('Chargeback'),
		serviceFees: count('ServiceFee'),
		returns: ledger.returns.length,
		closedPeriods: ledger.periods.filter((p) => p.status === 'Closed').length,
		openPeriods: ledger.periods
			.filter((p) => p.status === 'Open')
			.map((p) => ({
				account: p.account,
				currency: p.currency,
				settlementId: p.settlementId,
				financialEventGroupId: p.groupId,
				start: new Date(p.start).toISOString(),
				plannedEnd: new Date(p.end).toISOString(),
				total: formatAmount(p.total),
				transactions: p.transactions.length,
			})),
	};
}

export function createFinanceApi(ledger: Ledger, accounts: Record<AccountKey, SimAccount>, now: () => number): SimFinance {
	const period = (settlementId: string) => {
		const p = ledger.periods.find((x) => x.settlementId === settlementId);
		if (!p) throw new Error(`Unknown settlement ${settlementId}`);
		return p;
	};
	const refundItems = (orderId: string, input: SimRefundInput) => {
		if (!input.items) return undefined;
		return input.items.map((i) => {
			const item = ledger.orderItem(orderId, i.orderItemId);
			const share = i.share ?? (i.quantity !== undefined ? i.quantity / item.quantity : 1);
			if (!(share > 0 && share <= 1)) throw new Error(`Refund of ${i.orderItemId}: share must be in (0, 1], quantity in 1..${item.quantity}`);
			return { orderItemId: i.orderItemId, share, quantity: i.quantity };
		});
	};
	const post = (orderId: string, kind: 'Refund' | 'Chargeback', input: SimRefundInput = {}) => {
		const tx = ledger.refundNow(orderId, {
			kind,
			items: refundItems(orderId, input),
			withShipping: input.withShipping,
			reason: input.reason ?? (kind === 'Refund' ? 'CustomerReturn' : 'Chargeback'),
			deferral: input.deferral,
		});
		if (!tx) throw new Error(`Order ${orderId} has nothing shipped left to ${kind === 'Refund' ? 'refund' : 'charge back'}`);
		return transactionView(tx);
	};
	return {
		periods(filter = {}) {
			ledger.sync();
			return ledger.periods
				.filter((p) => (!filter.account || p.account === filter.account) && (!filter.currency || p.currency === filter.currency) && (!filter.status || p.status === filter.status))
				.map((p) => settlementView(p, now()));
		},
		closePeriod(account, currency) {
			const code = currency ?? MARKETPLACES[accounts[account].marketplaceIds[0]].currency;
			if (!currenciesOf(accounts[account]).includes(code)) throw new Error(`Account ${account} has no settlement in ${code}`);
			return settlementView(ledger.closeNow(account, code), now());
		},
		transactions(filter = {}) {
			ledger.sync();
			return ledger.transactions
				.filter(
					(t) =>
						(!filter.account || t.account === filter.account) &&
						(!filter.orderId || t.orderId === filter.orderId) &&
						(!filter.settlementId || t.settlement?.settlementId === filter.settlementId) &&
						(!filter.status || t.status === filter.status) &&
						(!filter.kind || t.kind === filter.kind),
				)
				.map(transactionView);
		},
		refund: (orderId, input) => post(orderId, 'Refund', input),
		chargeback: (orderId, input) => post(orderId, 'Chargeback', input),
		addReturn(orderId, input = {}) {
			const { ret, refund } = ledger.returnNow(orderId, input, input.refund ?? true);
			return refund ? { return: ret, refund: transactionView(refund) } : { return: ret };
		},
		returns(filter = {}) {
			ledger.sync();
			return ledger.returns.filter(
				(r) => (!filter.account || r.account === filter.account) && (!filter.orderId || r.orderId === filter.orderId) && (!filter.fulfillment || r.fulfillment === filter.fulfillment),
			);
		},
		expectedJournal(settlementId) {
			ledger.sync();
			return expectedJournal(period(settlementId));
		},
		summary() {
			ledger.sync();
			return moneySummary(ledger);
		},
	};
}
