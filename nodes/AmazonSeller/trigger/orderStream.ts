/**
 * Reading Amazon's order changes with searchOrders (Orders API 2026-01-01) inside the budget.
 *
 * Why one page per window: the order of searchOrders results is not documented, and a pagination
 * token may be an offset into a query that Amazon runs again for every page. An order that changes
 * while later pages are fetched then leaves the window and every later result moves up one place,
 * so a result sitting on a page boundary is skipped, silently. A single request is one consistent
 * answer, so the trigger sizes each window to hold fewer than a page of changes (cursor.ts learns
 * the density) and moves the watermark only past a window that came back without a next token.
 * A window that overflows is not wasted: its orders are emitted (they are real changes, and the
 * cursor drops them when read again) and the window is read again, narrower.
 *
 * Only a window that cannot be narrowed (more than a page of changes in about a second) is paged;
 * it is then read a second time from the start and committed only if the second pass finds no
 * order the first pass missed. A page that fails, a rejected or expired token, or a poll that runs
 * out of time or budget leaves the watermark where it was: the next poll reads the window again.
 */
import type { Window } from './cursor';
import { Cursor, PAGE_SIZE } from './cursor';
import { isoOf, observationOf } from './observations';
import { mayReadAnother, mayStartReading } from './readPolicy';
import type { FulfilledBy, OrderObservation } from './types';
import type { CallOptions } from '../transport';
import { RateBudgetError, SpApiError } from '../transport';

export interface SearchOrdersPage {
	orders?: unknown[];
	pagination?: { nextToken?: string };
	lastUpdatedBefore?: string;
}

export type SearchQuery = Record<string, string | number | string[]>;
export type SearchOrders = (query: SearchQuery, options: CallOptions) => Promise<SearchOrdersPage>;

export interface StreamFilter {
	/** Empty: every marketplace of the account. */
	marketplaceIds: string[];
	/** Empty: both. */
	fulfilledBy: FulfilledBy[];
	includedData: string[];
}

export interface StreamDeps {
	search: SearchOrders;
	/** Whole searchOrders calls the account may make right now (the transport's shared bucket). */
	tokensNow(): number | Promise<number>;
	/** Triggers of the account that share the bucket (readPolicy.noteTriggerPoll). */
	sharers?: number;
	nowMs(): number;
	/** Clock time after which no call may start (n8n's poll budget, less a margin). */
	stopAtMs: number;
	/** Every order a read returned, before the window is committed. */
	handle(observations: OrderObservation[]): void;
	warn(message: string): void;
	/** Asked after a window overflows: whether what it showed of the backlog calls for the report instead. */
	switchToReport?(): boolean | Promise<boolean>;
}

export type StopReason = 'caughtUp' | 'budget' | 'pollTime' | 'transient' | 'narrowestIncomplete' | 'report';

export interface StreamResult {
	windowsCommitted: number;
	calls: number;
	stop: StopReason;
	/** The transient failure that stopped the read, if any. */
	error?: SpApiError;
}

/** Longest a single call (with the transport's retries of 5xx and resets) may take. */
const CALL_DEADLINE_MS = 60_000;
/** Passes over a window too dense to narrow before giving up on it for this poll. */
const MAX_PASSES = 3;

export function searchQueryFor(window: Window, filter: StreamFilter): SearchQuery {
	const query: SearchQuery = {
		lastUpdatedAfter: isoOf(window.afterMs),
		lastUpdatedBefore: isoOf(window.beforeMs),
		maxResultsPerPage: PAGE_SIZE,
	};
	if (filter.marketplaceIds.length) query.marketplaceIds = filter.marketplaceIds;
	if (filter.fulfilledBy.length) query.fulfilledBy = filter.fulfilledBy;
	if (filter.includedData.length) query.includedData = filter.includedData;
	return query;
}

export async function readStream(cursor: Cursor, filter: StreamFilter, deps: StreamDeps): Promise<StreamResult> {
	const result: StreamResult = { windowsCommitted: 0, calls: 0, stop: 'caughtUp' };
	const first = cursor.nextWindow(deps.nowMs());
	if (!first) return result;
	// Behind: one window will not reach the settled end (a backlog, or a window that overflowed).
	const behind = first.beforeMs < Cursor.settledBefore(deps.nowMs());
	const start = { nowMs: deps.nowMs(), lastReadMs: cursor.lastReadMs, tokensNow: await deps.tokensNow(), behind, sharers: deps.sharers };
	if (!mayStartReading({ ...start, deepRead: cursor.deepReadPending })) {
		result.stop = 'budget';
		return result;
	}

	let windowsRead = 0;
	for (;;) {
		const window = cursor.nextWindow(deps.nowMs());
		if (!window) return { ...result, stop: 'caughtUp' };
		if (windowsRead > 0 && !mayReadAnother(windowsRead, await deps.tokensNow())) return { ...result, stop: 'budget' };
		if (deps.nowMs() >= deps.stopAtMs) return { ...result, stop: 'pollTime' };

		const reader = new WindowReader(cursor, window, filter, deps, result);
		const page = await reader.page(undefined);
		if (page === 'stopped') return result;
		windowsRead++;
		deps.handle(page.observations);
		if (!page.nextToken) {
			cursor.commit(window, page.observations.length, false, deps.nowMs());
			result.windowsCommitted++;
			continue;
		}
		if (!cursor.isNarrowest(window)) {
			cursor.overflowed(
				window,
				page.observations.map((o) => o.updatedMs),
			);
			// Narrowing spends the burst; a backlog larger than it can page goes to the report at once.
			if (await deps.switchToReport?.()) return { ...result, stop: 'report' };
			continue;
		}
		const complete = await reader.readNarrowest(page.nextToken, page.observations);
		if (complete === 'stopped') {
			// Out of budget half-way: wait for the burst to refill before paging it again, and ask for the report meanwhile.
			if (result.stop === 'budget') cursor.deepReadPending = true;
			return result;
		}
		if (!complete) return { ...result, stop: 'narrowestIncomplete' };
		cursor.deepReadPending = false;
		cursor.commit(window, PAGE_SIZE, false, deps.nowMs());
		result.windowsCommitted++;
	}
}

interface Page {
	observations: OrderObservation[];
	nextToken?: string;
}

/** One window's requests, sharing the stop bookkeeping. */
class WindowReader {
	private readonly query: SearchQuery;

	constructor(
		private readonly cursor: Cursor,
		window: Window,
		filter: StreamFilter,
		private readonly deps: StreamDeps,
		private readonly result: StreamResult,
	) {
		this.query = searchQueryFor(window, filter);
	}

	/** One request; 'stopped' when the budget, the poll time or a transient failure ended the read. */
	async page(token: string | undefined): Promise<Page | 'stopped'> {
		const { deps, result } = this;
		const remaining = deps.stopAtMs - deps.nowMs();
		if (remaining <= 0) {
			result.stop = 'pollTime';
			return 'stopped';
		}
		let body: SearchOrdersPage;
		try {
			result.calls++;
			body = await deps.search(token ? { ...this.query, paginationToken: token } : this.query, {
				// The caller checked the bucket; never wait for Amazon's slow refill inside a poll. Every
				// attempt costs a token, so retries stop where the bucket does and the real failure shows.
				maxWaitMs: 0,
				deadlineMs: Math.min(CALL_DEADLINE_MS, remaining),
				maxAttempts: Math.max(1, Math.min(4, Math.floor(await deps.tokensNow()))),
			});
			this.cursor.noteRead(deps.nowMs());
		} catch (error) {
			return this.stopOn(error, token !== undefined);
		}
		const observations: OrderObservation[] = [];
		for (const raw of body.orders ?? []) {
			const obs = observationOf(raw);
			if (obs) observations.push(obs);
			else deps.warn('Amazon returned an order without orderId, createdTime or lastUpdatedTime; it was skipped');
		}
		return { observations, nextToken: body.pagination?.nextToken || undefined };
	}

	/**
	 * A window that cannot be narrowed: page through it, then read it again from the start; it is
	 * complete when a whole pass finds no order the passes before it missed.
	 */
	async readNarrowest(firstToken: string, firstPage: OrderObservation[]): Promise<boolean | 'stopped'> {
		const known = new Set(firstPage.map((o) => o.orderId));
		if ((await this.follow(firstToken, known)) === 'stopped') return 'stopped';
		for (let pass = 2; pass <= MAX_PASSES; pass++) {
			const first = await this.page(undefined);
			if (first === 'stopped') return 'stopped';
			let found = this.take(first.observations, known);
			if (first.nextToken) {
				const more = await this.follow(first.nextToken, known);
				if (more === 'stopped') return 'stopped';
				found += more;
			}
			if (found === 0) return true;
		}
		return false;
	}

	/** Follows next tokens to the last page; the number of orders not known before. */
	private async follow(token: string | undefined, known: Set<string>): Promise<number | 'stopped'> {
		let found = 0;
		while (token) {
			if (!mayReadAnother(0, await this.deps.tokensNow())) {
				this.result.stop = 'budget';
				return 'stopped';
			}
			const page = await this.page(token);
			if (page === 'stopped') return 'stopped';
			found += this.take(page.observations, known);
			token = page.nextToken;
		}
		return found;
	}

	private take(observations: OrderObservation[], known: Set<string>): number {
		this.deps.handle(observations);
		let found = 0;
		for (const o of observations) {
			if (known.has(o.orderId)) continue;
			known.add(o.orderId);
			found++;
		}
		return found;
	}

	private stopOn(error: unknown, withToken: boolean): 'stopped' {
		const { result } = this;
		if (error instanceof RateBudgetError) {
			result.stop = 'budget';
			return 'stopped';
		}
		// A token Amazon no longer accepts (expired, or the search changed) only costs this window a re-read.
		if (error instanceof SpApiError && (error.transient || (withToken && error.statusCode === 400))) {
			result.stop = 'transient';
			result.error = error;
			return 'stopped';
		}
		throw error;
	}
}
