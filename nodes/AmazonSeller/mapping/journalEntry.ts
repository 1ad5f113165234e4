import type { SettlementReport } from '../amazon/settlementReport';
import { buildAccountTable, optionalAccount, type AccountRule, type AccountTable, type ErpAccountRef } from './accountTable';
import { OrderMappingError } from '../amazon/readError';
import { moneyFormat, type Money } from '../amazon/money';

/**
 * Map Payout to Journal Entry: one settlement (one payout, one currency) becomes one balanced
 * journal entry. Pure: no n8n, no I/O, no credential.
 *
 * - Every settlement row is booked through the account table (accountTable.ts); rows are summed
 *   into lines per account and grouping key (by default transaction-type + amount-type +
 *   amount-description). Amazon's sign decides the side: an amount owed to the seller (a sale)
 *   is a credit, an amount charged (a fee) a debit.
 * - The deposit line is Amazon's total-amount exactly: a debit on the deposit account, or a credit
 *   when the settlement is negative (Amazon charges the seller).
 * - The entry balances because the rows add up to total-amount. When they do not (Amazon's own
 *   report is inconsistent) nothing is plugged silently: the mapping fails, unless the caller asks
 *   for a suspense line, which then carries exactly the difference and a warning says so.
 * - Types no rule books are listed in `unmapped` (the node routes such entries to a second output);
 *   their lines stay in the entry with `account: null`.
 * - `orders` gives each order's net amount in this settlement, so an ERP can mark it paid.
 */
export type { ErpAccountRef } from './accountTable';
export { buildAccountTable, type AccountTable } from './accountTable';

export type GroupPart = 'transactionType' | 'amountType' | 'amountDescription';
export const DEFAULT_GROUP_BY: GroupPart[] = ['transactionType', 'amountType', 'amountDescription'];

export interface JournalEntryOptions {
	/** The account table, built or as `{ "Order/ItemPrice/Principal": "400100", … }`. */
	accounts?: AccountTable | unknown;
	/** The bank (or Amazon clearing) account of the deposit line. */
	depositAccount?: ErpAccountRef | null;
	/** Which parts of an amount's type make a line (within one account). Default: all three. */
	groupBy?: GroupPart[];
	/** When the rows do not add up to total-amount: fail (default) or book the difference on a suspense line. */
	onImbalance?: 'error' | 'suspense';
	suspenseAccount?: ErpAccountRef | null;
	/** The entry's date: the deposit date (default; the settlement end when Amazon gives none) or the settlement end. */
	date?: 'deposit' | 'end';
}

export interface JournalLine {
	type: 'deposit' | 'amazon' | 'suspense';
	/** The grouping key, e.g. "Order/ItemPrice/Principal"; "Deposit" and "Suspense" for those lines. */
	key: string;
	account: ErpAccountRef | null;
	name: string;
	/** The line's transaction type, amount type, description when they are part of the grouping, else null. */
	transactionType: string | null;
	amountType: string | null;
	amountDescription: string | null;
	/** Signed as Amazon signs it: positive is owed to the seller. The deposit line carries total-amount. */
	amount: Money;
	debit: Money;
	credit: Money;
	/** Settlement rows summed into this line (0 for deposit and suspense lines). */
	rowCount: number;
	/** The account-table keys that booked these rows. */
	rules: string[];
}

export interface OrderLink {
	orderId: string;
	merchantOrderId: string | null;
	/** Net of every row of the order in this settlement (sales, fees, refunds…). */
	amount: Money;
	/** The same per transaction type: Order, Refund… */
	byTransactionType: Record<string, Money>;
	rowCount: number;
}

export interface UnmappedType {
	/** `transaction-type/amount-type/amount-description`: the key to add to the account table. */
	key: string;
	transactionType: string;
	amountType: string;
	amountDescription: string;
	amount: Money;
	rowCount: number;
}

export interface JournalEntry {
	schemaVersion: 1;
	settlementId: string;
	currency: string;
	/** Booking date, YYYY-MM-DD (UTC). */
	date: string;
	period: { start: string; end: string };
	depositDate: string | null;
	/** "Amazon settlement <id>". */
	reference: string;
	lines: JournalLine[];
	totals: { debit: Money; credit: Money };
	/** Debits equal credits. */
	balanced: boolean;
	/** Amazon's total-amount: what reaches the bank (negative: what Amazon charges). */
	deposit: Money;
	orders: OrderLink[];
	unmapped: UnmappedType[];
	reconciliation: {
		/** The settlement rows add up to total-amount. */
		ok: boolean;
		linesTotal: Money;
		totalAmount: Money;
		/** linesTotal − totalAmount. */
		difference: Money;
	};
	warnings: string[];
}

interface Group {
	key: string;
	account: ErpAccountRef | null;
	parts: [string | null, string | null, string | null];
	amount: number;
	rowCount: number;
	rules: Set<string>;
}

interface Unmapped {
	transactionType: string;
	amountType: string;
	amountDescription: string;
	amount: number;
	rowCount: number;
}

interface OrderSum {
	merchantOrderId: string | null;
	amount: number;
	byType: Map<string, number>;
	rowCount: number;
}

/** Resolved once per distinct (transaction type, amount type, description). */
interface Kind {
	group: Group;
	unmapped: Unmapped | null;
}

export function mapSettlementToJournalEntry(report: SettlementReport, options: JournalEntryOptions = {}): JournalEntry {
	const { summary } = report;
	const format = moneyFormat(summary.currency, summary.exponent);
	const table = tableOf(options.accounts);
	const groupBy = readGroupBy(options.groupBy);
	const depositAccount = optionalAccount(options.depositAccount, 'depositAccount');
	const warnings: string[] = [];

	const kinds = new Map<string, Kind>();
	const groups = new Map<string, Group>();
	const unmapped = new Map<string, Unmapped>();
	const orders = new Map<string, OrderSum>();
	let linesTotal = 0;

	const kindOf = (transactionType: string, amountType: string, amountDescription: string): Kind => {
		const rule = table.resolve(transactionType, amountType, amountDescription);
		const account = rule ? rule.account : null;
		const parts: [string | null, string | null, string | null] = [
			groupBy.transactionType ? transactionType : null,
			groupBy.amountType ? amountType : null,
			groupBy.amountDescription ? amountDescription : null,
		];
		const key = parts.filter((part) => part !== null).join('/');
		// Lines are per account and key: rows on different accounts never share a line.
		const groupKey = `${account === null ? '\u0002' : typeof account === 'number' ? `#${account}` : `$${account}`}\u0001${key}`;
		let group = groups.get(groupKey);
		if (!group) {
			group = { key, account, parts, amount: 0, rowCount: 0, rules: new Set() };
			groups.set(groupKey, group);
		}
		if (rule) group.rules.add(rule.pattern);
		let missing: Unmapped | null = null;
		if (!rule) {
			const typeKey = `${transactionType}/${amountType}/${amountDescription}`;
			missing = unmapped.get(typeKey) ?? { transactionType, amountType, amountDescription, amount: 0, rowCount: 0 };
			unmapped.set(typeKey, missing);
		}
		return { group, unmapped: missing };
	};

	for (const line of report.lines) {
		const kindKey = `${line.transactionType}\u0001${line.amountType}\u0001${line.amountDescription}`;
		let kind = kinds.get(kindKey);
		if (!kind) {
			kind = kindOf(line.transactionType, line.amountType, line.amountDescription);
			kinds.set(kindKey, kind);
		}
		const amount = line.amount;
		kind.group.amount += amount;
		kind.group.rowCount++;
		if (kind.unmapped) {
			kind.unmapped.amount += amount;
			kind.unmapped.rowCount++;
		}
		linesTotal += amount;
		if (line.orderId !== null) {
			let order = orders.get(line.orderId);
			if (!order) {
				order = { merchantOrderId: line.merchantOrderId, amount: 0, byType: new Map(), rowCount: 0 };
				orders.set(line.orderId, order);
			}
			order.amount += amount;
			order.rowCount++;
			order.merchantOrderId ??= line.merchantOrderId;
			order.byType.set(line.transactionType, (order.byType.get(line.transactionType) ?? 0) + amount);
		}
	}
	if (!Number.isSafeInteger(linesTotal)) throw new OrderMappingError('lines', 'add up to more than this package can hold exactly');

	const total = summary.totalAmount;
	const difference = linesTotal - total;
	const lines: JournalLine[] = [depositLine(summary.settlementId, total, depositAccount, format)];
	for (const group of groups.values()) {
		if (group.amount === 0) continue; // rows that cancel out book nothing
		lines.push(amazonLine(group, format));
	}
	const unmappedList: UnmappedType[] = [...unmapped.values()].map((entry) => ({
		key: `${entry.transactionType}/${entry.amountType}/${entry.amountDescription}`,
		transactionType: entry.transactionType,
		amountType: entry.amountType,
		amountDescription: entry.amountDescription,
		amount: format.money(entry.amount),
		rowCount: entry.rowCount,
	}));
	if (depositAccount === null) {
		warnings.push('No deposit account is set: the deposit line has no account.');
	}

	if (difference !== 0) {
		const message =
			`Amazon's settlement ${summary.settlementId} does not balance: its rows add up to ${format.money(linesTotal).amount} ${summary.currency} ` +
			`but its total-amount (the deposit) is ${format.money(total).amount} (difference ${format.money(difference).amount}).`;
		if ((options.onImbalance ?? 'error') !== 'suspense') {
			throw new OrderMappingError('summary.totalAmount', `${message} No entry was made; to book the difference on a suspense account, choose a suspense line for imbalances.`);
		}
		const suspenseAccount = optionalAccount(options.suspenseAccount, 'suspenseAccount');
		lines.push(suspenseLine(-difference, suspenseAccount, format));
		warnings.push(`${message} The difference is on a suspense line: find its cause before posting.`);
		if (suspenseAccount === null) warnings.push('No suspense account is set: the suspense line has no account.');
	}

	// Debits and credits, from the minor amounts the lines were made of.
	let debit = total > 0 ? total : 0;
	let credit = total < 0 ? -total : 0;
	const bookedAmounts = [...groups.values()].map((group) => group.amount);
	if (difference !== 0) bookedAmounts.push(-difference);
	for (const amount of bookedAmounts) {
		if (amount > 0) credit += amount;
		else debit -= amount;
	}
	const date = (options.date === 'end' ? summary.end : (summary.depositDate ?? summary.end)).slice(0, 10);

	return {
		schemaVersion: 1,
		settlementId: summary.settlementId,
		currency: summary.currency,
		date,
		period: { start: summary.start, end: summary.end },
		depositDate: summary.depositDate,
		reference: `Amazon settlement ${summary.settlementId}`,
		lines,
		totals: { debit: format.money(debit), credit: format.money(credit) },
		balanced: debit === credit,
		deposit: format.money(total),
		orders: [...orders.entries()].map(([orderId, order]) => ({
			orderId,
			merchantOrderId: order.merchantOrderId,
			amount: format.money(order.amount),
			byTransactionType: Object.fromEntries([...order.byType.entries()].map(([type, amount]) => [type, format.money(amount)])),
			rowCount: order.rowCount,
		})),
		unmapped: unmappedList,
		reconciliation: { ok: difference === 0, linesTotal: format.money(linesTotal), totalAmount: format.money(total), difference: format.money(difference) },
		warnings,
	};
}

function tableOf(accounts: unknown): AccountTable {
	if (isAccountTable(accounts)) return accounts;
	return buildAccountTable(accounts ?? {}, 'accounts');
}

function isAccountTable(value: unknown): value is AccountTable {
	return typeof value === 'object' && value !== null && typeof (value as AccountTable).resolve === 'function' && Array.isArray((value as AccountTable).rules);
}

function readGroupBy(parts: GroupPart[] | undefined): Record<GroupPart, boolean> {
	const chosen = parts ?? DEFAULT_GROUP_BY;
	for (const part of chosen) {
		if (!DEFAULT_GROUP_BY.includes(part)) throw new OrderMappingError('groupBy', `"${String(part)}" is not one of ${DEFAULT_GROUP_BY.join(', ')}`);
	}
	return { transactionType: chosen.includes('transactionType'), amountType: chosen.includes('amountType'), amountDescription: chosen.includes('amountDescription') };
}

type Format = ReturnType<typeof moneyFormat>;

function sides(amount: number, format: Format): { debit: Money; credit: Money } {
	return { debit: format.money(amount < 0 ? -amount : 0), credit: format.money(amount > 0 ? amount : 0) };
}

function depositLine(settlementId: string, total: number, account: ErpAccountRef | null, format: Format): JournalLine {
	// Money in the bank is a debit; a negative settlement takes money from it: a credit.
	return {
		type: 'deposit',
		key: 'Deposit',
		account,
		name: `Amazon deposit, settlement ${settlementId}`,
		transactionType: null,
		amountType: null,
		amountDescription: null,
		amount: format.money(total),
		debit: format.money(total > 0 ? total : 0),
		credit: format.money(total < 0 ? -total : 0),
		rowCount: 0,
		rules: [],
	};
}

function amazonLine(group: Group, format: Format): JournalLine {
	const [transactionType, amountType, amountDescription] = group.parts;
	return {
		type: 'amazon',
		key: group.key,
		account: group.account,
		name: group.parts.filter((part) => part !== null).join(' / ') || 'Amazon',
		transactionType,
		amountType,
		amountDescription,
		amount: format.money(group.amount),
		...sides(group.amount, format),
		rowCount: group.rowCount,
		rules: [...group.rules],
	};
}

function suspenseLine(amount: number, account: ErpAccountRef | null, format: Format): JournalLine {
	return {
		type: 'suspense',
		key: 'Suspense',
		account,
		name: 'Amazon settlement difference (suspense)',
		transactionType: null,
		amountType: null,
		amountDescription: null,
		amount: format.money(amount),
		...sides(amount, format),
		rowCount: 0,
		rules: [],
	};
}

export type { AccountRule };
