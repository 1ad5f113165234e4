import { currencyExponent } from '../amazon/currencies';
import { iso, readDate } from './dates';
import { InputError } from './inputError';
import { readMarketplaceId, readOrderId } from './orderFields';

/**
 * What Get Transactions, Get Settlement and Return → Get Many ask Amazon, checked before anything
 * is sent. Pure (luxon only): the operations read parameters, these rules say what is valid.
 *
 * Finances 2024-06-19 listTransactions, as its model documents it:
 * - postedAfter is required unless a related identifier filters; only ORDER_ID and
 *   FINANCIAL_EVENT_GROUP_ID filter (SETTLEMENT_ID is returned on transactions but cannot filter);
 * - both bounds must be more than two minutes before the request; postedBefore defaults to then;
 * - postedAfter and postedBefore more than 180 days apart answer an EMPTY list, not an error, so a
 *   longer range is read as consecutive windows of at most 180 days.
 */
export const LATEST_POSTED_MS = 2 * 60_000;
export const MAX_POSTED_RANGE_MS = 180 * 24 * 3600_000;
export const TRANSACTION_STATUSES = ['DEFERRED', 'RELEASED', 'DEFERRED_RELEASED'] as const;
export type TransactionStatusFilter = (typeof TRANSACTION_STATUSES)[number];

export type TransactionFilter = 'postedRange' | 'orderId' | 'settlementId' | 'financialEventGroupId';

export interface TransactionInput {
	filterBy: TransactionFilter;
	postedAfter?: unknown;
	postedBefore?: unknown;
	orderId?: unknown;
	settlementId?: unknown;
	financialEventGroupId?: unknown;
	marketplaceId?: unknown;
	transactionStatus?: unknown;
	/** The workflow's time zone, for dates given without one. */
	timezone?: string;
}

/** One listTransactions query (its pages follow with nextToken and the same arguments). */
export type TransactionQuery = Record<string, string>;

export interface TransactionSearch {
	filterBy: TransactionFilter;
	/** Posted range: one query per window of at most 180 days, oldest first. Identifier filters: one query. */
	queries: TransactionQuery[];
	/** Settlement ID: the settlement to resolve to its event group first (Amazon cannot filter by it). */
	settlementId?: string;
	/** What the item is about, for messages. */
	subject: string;
}

export function buildTransactionSearch(input: TransactionInput, now: number): TransactionSearch {
	const latest = now - LATEST_POSTED_MS;
	const common: TransactionQuery = {};
	const marketplaceId = readMarketplaceId(input.marketplaceId);
	if (marketplaceId) common.marketplaceId = marketplaceId;
	const status = readTransactionStatus(input.transactionStatus);
	if (status) common.transactionStatus = status;

	switch (input.filterBy) {
		case 'postedRange': {
			const after = readDate(input.postedAfter, 'Posted After', input.timezone);
			if (after === undefined) throw new InputError('Posted After', 'Posted After is empty; Amazon needs the start of the posted range');
			if (after > latest) {
				throw new InputError('Posted After', `Posted After ${iso(after)} is less than 2 minutes ago; Amazon only lists transactions posted more than 2 minutes before the request`);
			}
			const given = readDate(input.postedBefore, 'Posted Before', input.timezone);
			if (given !== undefined && given <= after) {
				throw new InputError('Posted Before', `Posted Before ${iso(given)} is not later than Posted After ${iso(after)}`);
			}
			// Amazon refuses a bound less than 2 minutes old: a later one (e.g. now) moves back.
			const before = Math.min(given ?? latest, latest);
			const queries: TransactionQuery[] = [];
			for (let start = after; start < before; start += MAX_POSTED_RANGE_MS) {
				queries.push({ ...common, postedAfter: iso(start), postedBefore: iso(Math.min(before, start + MAX_POSTED_RANGE_MS)) });
			}
			return { filterBy: 'postedRange', queries, subject: `posted ${iso(after)} to ${iso(before)}` };
		}
		case 'orderId': {
			const orderId = readOrderId(input.orderId);
			return { filterBy: 'orderId', queries: [{ ...common, relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: orderId }], subject: `order ${orderId}` };
		}
		case 'financialEventGroupId': {
			const groupId = readIdentifier(input.financialEventGroupId, 'Financial Event Group ID');
			return {
				filterBy: 'financialEventGroupId',
				queries: [{ ...common, relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: groupId }],
				subject: `event group ${groupId}`,
			};
		}
		case 'settlementId': {
			const settlementId = readSettlementId(input.settlementId);
			// The group is filled in once the settlement is resolved to it.
			return { filterBy: 'settlementId', queries: [{ ...common, relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID' }], settlementId, subject: `settlement ${settlementId}` };
		}
		default:
			throw new InputError('Filter By', `Filter By "${String(input.filterBy)}" is not one of Posted Date Range, Order ID, Settlement ID, Financial Event Group ID`);
	}
}

export function readTransactionStatus(value: unknown): TransactionStatusFilter | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim().toUpperCase();
	if (!text) return undefined;
	if (!(TRANSACTION_STATUSES as readonly string[]).includes(text)) {
		throw new InputError('Transaction Status', `Transaction Status "${String(value)}" is not one of ${TRANSACTION_STATUSES.join(', ')}`);
	}
	return text as TransactionStatusFilter;
}

/** Amazon's settlement ids are digits (e.g. 12345678901). */
export function readSettlementId(value: unknown): string {
	const id = value === undefined || value === null ? '' : String(value).trim();
	if (!id) throw new InputError('Settlement ID', 'Settlement ID is empty');
	if (!/^\d{1,20}$/.test(id)) {
		throw new InputError('Settlement ID', `Settlement ID "${id}" is not a settlement id: Amazon's are digits (e.g. 12345678901, the settlement-id of the settlement report)`);
	}
	return id;
}

/** An ISO 4217 code, or undefined when empty. */
export function readCurrency(value: unknown, field = 'Currency'): string | undefined {
	const code = value === undefined || value === null ? '' : String(value).trim().toUpperCase();
	if (!code) return undefined;
	if (currencyExponent(code) === undefined) throw new InputError(field, `${field} "${String(value)}" is not an ISO 4217 currency code (e.g. USD, EUR, JPY)`);
	return code;
}

function readIdentifier(value: unknown, field: string): string {
	const id = value === undefined || value === null ? '' : String(value).trim();
	if (!id) throw new InputError(field, `${field} is empty`);
	if (/\s/.test(id)) throw new InputError(field, `${field} "${id}" contains spaces`);
	return id;
}

// ——— Return → Get Many ———

/** Amazon builds a returns report over at most this range; a longer one is requested in parts. */
export const MAX_RETURNS_RANGE_MS = 60 * 24 * 3600_000;
/** createReport takes at most 25 marketplaces. */
export const MAX_REPORT_MARKETPLACES = 25;

export interface ReturnsRange {
	start: number;
	end: number;
}

/** The return date range: Returned After required, Returned Before optional (now), split in 60-day parts. */
export function buildReturnsRanges(after: unknown, before: unknown, now: number, timezone?: string): ReturnsRange[] {
	const start = readDate(after, 'Returned After', timezone);
	if (start === undefined) throw new InputError('Returned After', 'Returned After is empty; Amazon needs the start of the return date range');
	if (start >= now) throw new InputError('Returned After', `Returned After ${iso(start)} is not in the past`);
	const given = readDate(before, 'Returned Before', timezone);
	if (given !== undefined && given <= start) throw new InputError('Returned Before', `Returned Before ${iso(given)} is not later than Returned After ${iso(start)}`);
	const end = Math.min(given ?? now, now);
	const ranges: ReturnsRange[] = [];
	for (let from = start; from < end; from += MAX_RETURNS_RANGE_MS) ranges.push({ start: from, end: Math.min(end, from + MAX_RETURNS_RANGE_MS) });
	return ranges;
}
