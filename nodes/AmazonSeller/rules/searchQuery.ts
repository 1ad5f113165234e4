import { iso, readDate } from './dates';
import { InputError } from './inputError';

/**
 * searchOrders (Orders API 2026-01-01) query rules, as Amazon documents them:
 * - exactly one of createdAfter / lastUpdatedAfter; the matching `...Before` is optional;
 * - a `...Before` must be at least two minutes before the request (later values are moved back);
 * - at most 50 marketplace ids.
 */
export const LATEST_BEFORE_MS = 2 * 60_000;
export const MAX_MARKETPLACES = 50;

export type DateFilter = 'created' | 'lastUpdated';

export interface SearchInput {
	dateFilter: DateFilter;
	after: unknown;
	before?: unknown;
	fulfillmentStatuses?: string[];
	fulfilledBy?: string[];
	marketplaceIds?: string[];
	includedData?: string[];
	/** The workflow's time zone, for dates given without one. */
	timezone?: string;
}

export type SearchQuery = Record<string, string | string[]>;

const LABELS: Record<DateFilter, { after: string; before: string; afterKey: string; beforeKey: string }> = {
	created: { after: 'Created After', before: 'Created Before', afterKey: 'createdAfter', beforeKey: 'createdBefore' },
	lastUpdated: { after: 'Last Updated After', before: 'Last Updated Before', afterKey: 'lastUpdatedAfter', beforeKey: 'lastUpdatedBefore' },
};

export function buildSearchQuery(input: SearchInput, now: number): SearchQuery {
	const labels = LABELS[input.dateFilter];
	if (!labels) throw new InputError('Filter By Date', `Filter By Date "${String(input.dateFilter)}" is neither "created" nor "lastUpdated"`);
	const latest = now - LATEST_BEFORE_MS;

	const after = readDate(input.after, labels.after, input.timezone);
	if (after === undefined) throw new InputError(labels.after, `${labels.after} is empty; Amazon needs the start of the time range`);
	if (after > latest) {
		throw new InputError(labels.after, `${labels.after} ${iso(after)} is less than 2 minutes ago; Amazon only lists orders up to 2 minutes before the request`);
	}
	const query: SearchQuery = { [labels.afterKey]: iso(after) };

	const before = readDate(input.before, labels.before, input.timezone);
	if (before !== undefined) {
		if (before < after) throw new InputError(labels.before, `${labels.before} ${iso(before)} is earlier than ${labels.after} ${iso(after)}`);
		// Amazon rejects a bound less than 2 minutes old; orders that recent are not final yet anyway.
		query[labels.beforeKey] = iso(Math.min(before, latest));
	}

	const marketplaceIds = input.marketplaceIds?.filter(Boolean) ?? [];
	if (marketplaceIds.length > MAX_MARKETPLACES) {
		throw new InputError('Marketplaces', `Marketplaces lists ${marketplaceIds.length} ids; Amazon takes at most ${MAX_MARKETPLACES} per search`);
	}
	if (marketplaceIds.length) query.marketplaceIds = marketplaceIds;
	if (input.fulfillmentStatuses?.length) query.fulfillmentStatuses = input.fulfillmentStatuses;
	if (input.fulfilledBy?.length) query.fulfilledBy = input.fulfilledBy;
	if (input.includedData?.length) query.includedData = input.includedData;
	return query;
}
