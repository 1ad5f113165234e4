/**
 * Order Returned: when to ask for the two returns reports, and which returns in them are new.
 * Pure; readReturns.ts performs the calls.
 *
 * Amazon lists returns in two reports that must be requested (createReport), built (minutes) and
 * downloaded, like the orders report: GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE (merchant-fulfilled,
 * by the buyer's return request date) and GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA (Amazon-
 * fulfilled, by the date Amazon received the unit). A return can be listed days after its date
 * (the request is recorded when the parcel is processed), so each report covers the last
 * RETURNS_LOOKBACK_MS, and returns are told apart by the pure reader's return id (RMA + SKU, or
 * the FBA licence plate), remembered until their date falls out of every later report's range.
 * A report is asked for at most every RETURNS_INTERVAL_MS per type; one still being built is
 * checked on the next polls (a poll never waits for it).
 */
import { isRecord } from '../../amazon/json';
import type { AmazonReturn, ReturnsReportType } from '../../amazon/returnsReport';
import { FBA_RETURNS_REPORT_TYPE, MERCHANT_RETURNS_REPORT_TYPE } from '../../amazon/returnsReport';
import { parseTime } from '../observations';
import { SeenIds, type SeenJson } from './seenIds';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** How far back each returns report reaches: a return listed up to two weeks after its date is still caught. */
export const RETURNS_LOOKBACK_MS = 14 * DAY;
/** A report not done after this is given up (and asked for again at the next interval). */
export const RETURNS_REPORT_GIVE_UP_MS = 2 * HOUR;
/** Return ids remembered at most (two weeks of returns). */
export const MAX_SEEN_RETURNS = 50_000;

export interface ReturnsJob {
	reportId: string;
	fromMs: number;
	toMs: number;
	requestedMs: number;
}

export interface ReturnStateJson {
	startMs: number;
	/** Per report type: when it was last asked for, and the report being built. */
	types: Partial<Record<ReturnsReportType, { requestedMs?: number; job?: ReturnsJob }>>;
	/** return id → the return's date (ms). */
	seen: SeenJson;
}

export class ReturnState {
	readonly seen: SeenIds;

	constructor(private readonly json: ReturnStateJson) {
		this.seen = new SeenIds(json.seen, MAX_SEEN_RETURNS);
	}

	static fresh(startMs: number): ReturnState {
		return new ReturnState({ startMs, types: {}, seen: { ids: {} } });
	}

	static load(stored: unknown): ReturnState | undefined {
		if (!isRecord(stored) || typeof stored.startMs !== 'number' || !Number.isFinite(stored.startMs)) return undefined;
		const types: ReturnStateJson['types'] = {};
		if (isRecord(stored.types)) {
			for (const [type, value] of Object.entries(stored.types)) if (isRecord(value)) types[type as ReturnsReportType] = { ...value };
		}
		return new ReturnState({ ...(stored as unknown as ReturnStateJson), types });
	}

	get startMs(): number {
		return this.json.startMs;
	}

	job(type: ReturnsReportType): ReturnsJob | undefined {
		return this.json.types[type]?.job;
	}

	/** Whether to ask for this report now: none is being built and the interval has passed. */
	wantsRequest(type: ReturnsReportType, nowMs: number, intervalMs: number): boolean {
		const entry = this.json.types[type];
		if (entry?.job) return false;
		return entry?.requestedMs === undefined || nowMs - entry.requestedMs >= intervalMs || entry.requestedMs > nowMs;
	}

	/** The range the next report of a type covers. */
	rangeFor(nowMs: number): { fromMs: number; toMs: number } {
		return { fromMs: Math.max(this.json.startMs, nowMs - RETURNS_LOOKBACK_MS), toMs: nowMs };
	}

	requested(type: ReturnsReportType, job: ReturnsJob): void {
		this.json.types[type] = { requestedMs: job.requestedMs, job };
	}

	/** The report was read, cancelled (no data), failed or given up: the next one comes at the interval. */
	finished(type: ReturnsReportType, nowMs: number): void {
		const entry = this.json.types[type];
		if (entry) this.json.types[type] = { requestedMs: entry.requestedMs };
		// No later report reaches back further than its lookback from now.
		this.seen.forget(nowMs - RETURNS_LOOKBACK_MS - DAY);
	}

	/** Forgets the report types the trigger no longer watches (the Fulfilled By option changed). */
	watchOnly(types: ReturnsReportType[]): void {
		for (const type of Object.keys(this.json.types) as ReturnsReportType[]) if (!types.includes(type)) delete this.json.types[type];
	}

	/** Whether this return is one to emit now; remembers it if so. */
	admit(ret: AmazonReturn): 'emit' | 'repeat' | 'skip' {
		if (this.seen.has(ret.returnId)) return 'repeat';
		const dateMs = parseTime(ret.returnDate);
		if (dateMs === undefined || dateMs < this.json.startMs || !this.seen.mayBeNew(dateMs)) return 'skip';
		this.seen.add(ret.returnId, dateMs);
		return 'emit';
	}

	toJSON(): ReturnStateJson {
		return { ...this.json, seen: this.seen.toJSON() };
	}
}

/** The returns reports the Fulfilled By option calls for (empty: both). */
export function returnsReportTypes(fulfilledBy: Array<'AMAZON' | 'MERCHANT'>): ReturnsReportType[] {
	const types: ReturnsReportType[] = [];
	if (!fulfilledBy.length || fulfilledBy.includes('MERCHANT')) types.push(MERCHANT_RETURNS_REPORT_TYPE);
	if (!fulfilledBy.length || fulfilledBy.includes('AMAZON')) types.push(FBA_RETURNS_REPORT_TYPE);
	return types;
}
