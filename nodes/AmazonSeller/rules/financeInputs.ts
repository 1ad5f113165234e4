import { attempt } from '../amazon/attempt';
import { isRecord } from '../amazon/read';
import { OrderMappingError } from '../amazon/readError';
import { settlementFromJson, type SettlementReport } from '../amazon/settlementReport';
import { buildAccountTable, type AccountTable } from '../mapping/accountTable';
import { mapRefundToCreditNote, readRefund, refundsFromSettlement, type CreditNote, type CreditNoteOptions, type RefundSource } from '../mapping/creditNote';
import { mapSettlementToJournalEntry, type JournalEntry, type JournalEntryOptions } from '../mapping/journalEntry';
import { buildOfferTable, type OfferTable } from '../mapping/offers';
import { InputError } from './inputError';

/**
 * What Map Payout to Journal Entry and Map Refund to Credit Note read from an input item, with
 * every problem as an InputError that names the item's field (a JSON path, or the node field the
 * user filled). Pure: no n8n imports. The pure mappers throw OrderMappingError (a path and a
 * reason); these turn it into the node's input error.
 */

const SETTLEMENT_EXPECTED = 'a settlement as Get Settlement returns it ({ summary, lines }, "Summary and Lines"), or a Payout event carrying one in "settlement"';
const REFUND_EXPECTED = 'a refund transaction (a Get Transactions item), a refund read from a settlement ({ components, … }), an Order Refunded event, or a settlement';
const REFUND_TYPES = /refund|chargeback|guarantee/i;

/**
 * A settlement from an item: Get Settlement's "Summary and Lines" item, a Payout event carrying
 * the settlement in `settlement`, or anything of the shape { summary, lines }.
 */
export function readSettlementInput(input: unknown, inputPath = ''): SettlementReport {
	let value = input;
	let path = inputPath;
	if (isRecord(value) && value.summary === undefined && isRecord(value.settlement)) {
		value = value.settlement;
		path = join(path, 'settlement');
	}
	if (isRecord(value) && value.summary === undefined && value.transactionType !== undefined && value.amountMinor !== undefined) {
		throw new InputError(path ? `field "${path}"` : 'the input item', 'The item is one settlement line: set Get Settlement\'s Output to "Summary and Lines" so that each item is a whole settlement', {
			hint: `Expected ${SETTLEMENT_EXPECTED}.`,
		});
	}
	return mapped(() => settlementFromJson(value, path), SETTLEMENT_EXPECTED);
}

/**
 * The refunds an item holds: a refund transaction (a Get Transactions item, or Amazon's
 * transaction itself), a refund read from settlement rows ({ components, … }), an Order Refunded
 * event carrying one in `refund` or `transaction`, or a whole settlement (every refund in it).
 */
export function readRefundInputs(input: unknown, inputPath = ''): RefundSource[] {
	let value = input;
	let path = inputPath;
	// An Order Refunded item (the trigger) names its transaction's type beside it: the refund is its `transaction`.
	const refundEvent = isRecord(value) && value.event === 'orderRefunded' && isRecord(value.transaction);
	if (isRecord(value) && (refundEvent || (value.components === undefined && value.transactionType === undefined && value.summary === undefined))) {
		const inner = ['refund', 'transaction', 'settlement'].find((key) => isRecord((value as Record<string, unknown>)[key]));
		if (inner) {
			value = value[inner];
			path = join(path, inner);
		}
	}
	return mapped(() => {
		if (isRecord(value) && value.summary !== undefined && Array.isArray(value.lines)) return refundsFromSettlement(settlementFromJson(value, path));
		if (isRecord(value) && value.components === undefined) {
			const type = typeof value.transactionType === 'string' ? value.transactionType : '';
			if (type && !REFUND_TYPES.test(type)) {
				throw new OrderMappingError(join(path, 'transactionType'), `is "${type}", not a refund: only refund, chargeback and A-to-z transactions become credit notes`);
			}
		}
		return [readRefund(value, path)];
	}, REFUND_EXPECTED);
}

/** The journal entry, or an InputError: an unbalanced settlement names "On Imbalance", the field that decides. */
export function journalEntryFor(settlement: SettlementReport, options: JournalEntryOptions): JournalEntry {
	return mapped(
		() => mapSettlementToJournalEntry(settlement, options),
		SETTLEMENT_EXPECTED,
		(error) => (error.path === 'summary.totalAmount' ? new InputError('On Imbalance', error.reason) : undefined),
	);
}

export function creditNoteFor(refund: RefundSource, options: CreditNoteOptions): CreditNote {
	return mapped(() => mapRefundToCreditNote(refund, options), REFUND_EXPECTED, (error) => new InputError(error.path ? `field "${error.path}"` : 'the input item', error.message, { orderId: refund.orderId ?? undefined }));
}

export interface AccountRow {
	key?: string;
	account?: unknown;
}

/**
 * The account table from the node's Accounts rows and its Accounts (JSON) value (an object
 * { key: account } or a list of { key, account }, as JSON text or a value). A key given twice,
 * in either place, is an error naming both.
 */
export function accountTableFrom(rows: AccountRow[], json: unknown): AccountTable {
	const entries: Array<{ key: unknown; account: unknown; field: string }> = [];
	rows.forEach((row, index) => {
		const key = typeof row.key === 'string' ? row.key.trim() : '';
		const account = row.account === undefined || row.account === null ? '' : String(row.account).trim();
		if (!key && !account) return;
		if (!key) throw new InputError('Accounts', `Accounts row ${index + 1} has an account but no Amazon Type`);
		entries.push({ key, account: row.account, field: `Accounts row ${index + 1}` });
	});
	const parsed = readAccountsJson(json);
	if (Array.isArray(parsed)) {
		parsed.forEach((entry, index) => entries.push({ key: isRecord(entry) ? entry.key : undefined, account: isRecord(entry) ? entry.account : undefined, field: `Accounts (JSON) [${index}]` }));
	} else {
		for (const [key, account] of Object.entries(parsed)) entries.push({ key, account, field: `Accounts (JSON) "${key}"` });
	}
	return mapped(
		() => buildAccountTable(entries.map(({ key, account }) => ({ key, account })), 'Accounts'),
		'an account table',
		(error) => {
			// The table's paths are by position: name the row or key the user wrote.
			const index = /\[(\d+)\]/.exec(error.path)?.[1];
			const field = index !== undefined ? (entries[Number(index)]?.field ?? 'Accounts') : 'Accounts';
			return new InputError(field, `${field} ${error.reason}`);
		},
	);
}

function readAccountsJson(value: unknown): Record<string, unknown> | unknown[] {
	if (value === undefined || value === null) return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (!value.trim()) return {};
		const read = attempt(() => JSON.parse(value) as unknown);
		if (!read.ok) throw new InputError('Accounts (JSON)', `Accounts (JSON) is not valid JSON: ${(read.error as Error).message}`);
		parsed = read.value;
	}
	if (Array.isArray(parsed)) return parsed;
	if (isRecord(parsed)) return parsed;
	throw new InputError('Accounts (JSON)', 'Accounts (JSON) must be an object such as {"Order/ItemPrice/Principal": "400100"} or a list of {"key", "account"}');
}

/** A SKU → product table, its errors naming the node field it came from. */
export function offerTableFrom(value: unknown, path: string, field: string): OfferTable {
	return mapped(() => buildOfferTable(value, path), 'an offers table', (error) => new InputError(field, `${field}: ${error.message}`));
}

/** Runs a read or mapping; an OrderMappingError becomes the InputError `convert` gives, else one naming its path. */
function mapped<T>(run: () => T, expected: string, convert?: (error: OrderMappingError) => InputError | undefined): T {
	const result = attempt(run);
	if (result.ok) return result.value;
	const error = result.error;
	if (!(error instanceof OrderMappingError)) throw error;
	const converted = convert?.(error);
	if (converted) throw converted;
	const field = error.path ? `field "${error.path}"` : 'the input item';
	throw new InputError(field, `${field} ${error.reason}`, { orderId: error.orderId, hint: `Expected ${expected}.` });
}

function join(path: string, key: string): string {
	return path ? `${path}.${key}` : key;
}
