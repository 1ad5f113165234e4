/**
 * The trigger's position in Amazon's stream of order changes, kept in the workflow's static data.
 * Pure: no I/O, no n8n, time passed in.
 *
 * - watermark: every change with lastUpdatedTime before it has been read and emitted. It moves
 *   only to the end of a window that one atomic read returned completely (see orderStream.ts).
 * - overlap: each window starts OVERLAP_MS before the watermark, because Amazon's update index
 *   lags: a change may become searchable a little after a read that covered its time.
 * - versions: the newest lastUpdatedTime processed per order, kept while it can still be read
 *   again (inside the overlap, or ahead of the watermark after a partial read), so nothing in the
 *   overlap is emitted twice. Its size follows the overlap, not the history.
 * - memory: what one-time events each recent order has had (orderMemory.ts).
 */
import { isRecord } from '../amazon/json';
import type { LedgerJson } from './delivery';
import type { MemoryJson } from './orderMemory';
import { OrderMemory } from './orderMemory';

export const CURSOR_VERSION = 1;
/**
 * Re-read this much before the watermark (index lag). Every re-read takes a place in the page, so
 * the overlap is kept short and most of the safety comes from SETTLE_MS instead, which costs
 * latency, not calls. It is only needed after a read that came soon after its window's end; a
 * backlog read long after the fact has nothing left to appear late.
 */
export const OVERLAP_MS = 30_000;
/**
 * A window read this long after its end already waited out more index lag than the settle time
 * and the overlap together cover after a prompt read: the next one needs no overlap.
 */
export const SETTLED_FOR_GOOD_MS = 3 * 60_000 + 2 * 30_000;
/** Amazon refuses a lastUpdatedBefore less than 2 minutes old; a minute more for index lag and clock skew. */
export const SETTLE_MS = 3 * 60_000;
/** Results a window should hold: a page holds 100, and a window that needs two pages is read again narrower. */
export const TARGET_RESULTS = 80;
export const PAGE_SIZE = 100;
export const MIN_SPAN_MS = 1_000;
export const MAX_SPAN_MS = 7 * 24 * 3600_000;
const INITIAL_SPAN_MS = 3600_000;
const HOUR_MS = 3600_000;

/** A report covering [fromMs, toMs] requested from Amazon, not yet read. */
export interface ReportJob {
	reportId: string;
	fromMs: number;
	toMs: number;
	requestedMs: number;
	/** Set once the document was read but could not be used, to fall back to searchOrders for a while. */
	failedMs?: number;
}

export interface CursorJson {
	v: number;
	startMs: number;
	watermarkMs: number;
	spanMs: number;
	/** Estimated order changes per hour matching the trigger's filters (drives spans and the report switch). */
	perHour: number;
	lastReadMs?: number;
	/** Order id → "lastUpdatedTime ms/status" of the newest version processed. */
	versions: Record<string, string>;
	memory: MemoryJson;
	report?: ReportJob;
	/** The Start Date option the cursor began from; a different value restarts the trigger there. */
	startDate?: string;
	/** Set while scheduled polls keep failing for a transient reason; cleared by the next success. */
	failingSinceMs?: number;
	/** When the report path last failed, so it is not retried on every poll. */
	reportFailedMs?: number;
	/** A window searchOrders cannot read in one go (more than a page of changes in a second): use the report. */
	needsReport?: boolean;
	/** The next window is such a window: page it only once the burst has refilled enough for it. */
	deepReadPending?: boolean;
	/** When the window that set the watermark was read (the overlap is only needed after a recent read). */
	watermarkReadMs?: number;
	/** Events emitted and not confirmed yet (delivery.ts), when the workflow confirms deliveries. */
	pending?: LedgerJson;
}

export interface Window {
	afterMs: number;
	beforeMs: number;
}

export class Cursor {
	readonly memory: OrderMemory;

	/** The stored form of everything but the memory, as read (undefined for a new cursor). */
	private readonly readAs?: string;

	private constructor(
		private readonly json: CursorJson,
		isNew: boolean,
	) {
		this.memory = new OrderMemory(json.memory);
		if (!isNew) this.readAs = this.fingerprint();
	}

	static fresh(startMs: number, startDate?: string): Cursor {
		const start = Math.floor(startMs / 1000) * 1000;
		return new Cursor(
			{
			v: CURSOR_VERSION,
			startMs: start,
			watermarkMs: start,
			spanMs: INITIAL_SPAN_MS,
			perHour: 0,
			versions: {},
			memory: { days: {} },
			...(startDate ? { startDate } : {}),
			},
			true,
		);
	}

	/** The stored cursor, or undefined when there is none or it is not one this code understands. */
	static load(stored: unknown): Cursor | undefined {
		if (!isRecord(stored) || stored.v !== CURSOR_VERSION) return undefined;
		if (!isFiniteNumber(stored.watermarkMs) || !isFiniteNumber(stored.startMs)) return undefined;
		// Copies of the small parts only; the order memory copies a day when it changes it. (n8n hands
		// static data in as observable proxies: nothing here may write to them before the poll commits.)
		const json = { ...stored } as unknown as CursorJson;
		if (isRecord(json.report)) json.report = { ...json.report };
		json.spanMs = isFiniteNumber(json.spanMs) && json.spanMs >= MIN_SPAN_MS ? json.spanMs : INITIAL_SPAN_MS;
		json.perHour = isFiniteNumber(json.perHour) && json.perHour >= 0 ? json.perHour : 0;
		json.versions = isRecord(json.versions) ? { ...json.versions } : {};
		json.memory = isRecord(json.memory) ? json.memory : { days: {} };
		if (isRecord(json.pending)) json.pending = { ...(json.pending as LedgerJson) };
		else delete json.pending;
		return new Cursor(json, false);
	}

	get startMs(): number {
		return this.json.startMs;
	}

	get watermarkMs(): number {
		return this.json.watermarkMs;
	}

	get spanMs(): number {
		return this.json.spanMs;
	}

	get perHour(): number {
		return this.json.perHour;
	}

	get startDate(): string | undefined {
		return this.json.startDate;
	}

	get lastReadMs(): number | undefined {
		return this.json.lastReadMs;
	}

	get report(): ReportJob | undefined {
		return this.json.report;
	}

	set report(job: ReportJob | undefined) {
		if (job) this.json.report = job;
		else delete this.json.report;
	}

	get failingSinceMs(): number | undefined {
		return this.json.failingSinceMs;
	}

	get reportFailedMs(): number | undefined {
		return this.json.reportFailedMs;
	}

	noteReportFailure(nowMs: number): void {
		this.json.reportFailedMs = nowMs;
		delete this.json.report;
	}

	get deepReadPending(): boolean {
		return this.json.deepReadPending === true;
	}

	set deepReadPending(value: boolean) {
		if (value) this.json.deepReadPending = true;
		else delete this.json.deepReadPending;
	}

	get needsReport(): boolean {
		return this.json.needsReport === true;
	}

	set needsReport(value: boolean) {
		if (value) this.json.needsReport = true;
		else delete this.json.needsReport;
	}

	/** The delivery ledger's stored form (delivery.ts). */
	get pending(): LedgerJson | undefined {
		return this.json.pending;
	}

	set pending(ledger: LedgerJson | undefined) {
		if (ledger && Object.keys(ledger).length) this.json.pending = ledger;
		else delete this.json.pending;
	}

	noteRead(nowMs: number): void {
		this.json.lastReadMs = nowMs;
	}

	noteFailure(nowMs: number): void {
		this.json.failingSinceMs ??= nowMs;
	}

	noteSuccess(): void {
		delete this.json.failingSinceMs;
	}

	/** The latest lastUpdatedBefore a read may ask for now. */
	static settledBefore(nowMs: number): number {
		return Math.floor((nowMs - SETTLE_MS) / 1000) * 1000;
	}

	/** Changes not read yet, estimated from the density seen so far. */
	backlogEstimate(nowMs: number): number {
		return Math.max(0, (Cursor.settledBefore(nowMs) - this.json.watermarkMs) / HOUR_MS) * this.json.perHour;
	}

	/**
	 * The next window to read, or undefined when nothing settled is left to read. The overlap is never
	 * longer than the new part: at very high densities (where the report path takes over) the
	 * re-read would otherwise fill the page by itself.
	 */
	nextWindow(nowMs: number): Window | undefined {
		const settled = Cursor.settledBefore(nowMs);
		const w = this.json.watermarkMs;
		if (settled <= w) return undefined;
		const readAt = this.json.watermarkReadMs;
		const overlapNeeded = readAt === undefined || readAt - w < SETTLED_FOR_GOOD_MS;
		// spanMs is the whole window; the overlap takes at most half of it. Whole seconds: Amazon's
		// timestamps have no fractions, and the bounds are inclusive.
		const overlap = overlapNeeded ? Math.round(Math.min(OVERLAP_MS, this.json.spanMs / 2) / 1000) * 1000 : 0;
		const ahead = Math.max(MIN_SPAN_MS, Math.round((this.json.spanMs - overlap) / 1000) * 1000);
		return { afterMs: w - overlap, beforeMs: Math.min(settled, w + ahead) };
	}

	/**
	 * Whether this version of the order has not been processed yet. Amazon's times have whole
	 * seconds, so two changes in one second share a lastUpdatedTime: a different status then
	 * still counts as a new version.
	 */
	isNew(orderId: string, updatedMs: number, status: string | undefined): boolean {
		const seen = parseVersion(this.json.versions[orderId]);
		return !seen || updatedMs > seen.ms || (updatedMs === seen.ms && (status ?? '') !== seen.status);
	}

	markProcessed(orderId: string, updatedMs: number, status: string | undefined): void {
		const seen = parseVersion(this.json.versions[orderId]);
		if (!seen || updatedMs >= seen.ms) this.json.versions[orderId] = `${updatedMs}/${status ?? ''}`;
	}

	/**
	 * A window was read completely (one page without a next token, or a report): move the watermark
	 * to its end, learn the density, forget what can no longer be read again. `complete`: the count
	 * covers a long range exactly (a report), so it replaces the density estimate.
	 */
	commit(window: Window, results: number, complete = false, readAtMs?: number): void {
		if (window.beforeMs <= this.json.watermarkMs) return;
		// A report counts every change of its range: its density replaces the estimate.
		if (complete) this.json.perHour = 0;
		this.learnDensity(results, window.beforeMs - window.afterMs, false);
		this.json.watermarkMs = window.beforeMs;
		if (readAtMs === undefined) delete this.json.watermarkReadMs;
		else this.json.watermarkReadMs = readAtMs;
		this.forget();
	}

	/**
	 * A window held more than a page: keep the watermark, read narrower next time. Half the span,
	 * or less when the page returned shows where about TARGET_RESULTS changes end (its times are a
	 * sample of the window's, and when Amazon returns the oldest first they are its beginning). No
	 * order of results is assumed: a narrower window is only ever a smaller bet.
	 */
	overflowed(window: Window, returnedUpdatedMs: number[] = []): void {
		this.learnDensity(PAGE_SIZE, window.beforeMs - window.afterMs, true);
		const length = window.beforeMs - window.afterMs;
		const half = Math.min(this.json.spanMs, length) / 2;
		const times = returnedUpdatedMs.filter((t) => t >= window.afterMs).sort((a, b) => a - b);
		const sampled = times.length >= TARGET_RESULTS ? times[TARGET_RESULTS - 1] - window.afterMs : Infinity;
		this.json.spanMs = Math.max(MIN_SPAN_MS, Math.min(half, sampled));
	}

	/** Whether the window cannot be narrowed any more (more than a page of changes in about a second). */
	isNarrowest(window: Window): boolean {
		return window.beforeMs - this.json.watermarkMs <= MIN_SPAN_MS;
	}

	get versionCount(): number {
		return Object.keys(this.json.versions).length;
	}

	toJSON(): CursorJson {
		return { ...this.json, memory: this.memory.toJSON() };
	}

	/**
	 * Whether the cursor differs from what was stored. A poll that changed nothing leaves static
	 * data alone, so n8n has nothing to compare or save.
	 */
	get changed(): boolean {
		return this.readAs === undefined || this.memory.changed || this.fingerprint() !== this.readAs;
	}

	private fingerprint(): string {
		const { memory: _memory, ...rest } = this.json;
		return JSON.stringify(rest);
	}

	private forget(): void {
		const keepFrom = this.json.watermarkMs - OVERLAP_MS;
		for (const [id, version] of Object.entries(this.json.versions)) {
			const seen = parseVersion(version);
			if (!seen || seen.ms < keepFrom) delete this.json.versions[id];
		}
		this.memory.prune(this.json.watermarkMs);
	}

	/** Smoothed changes per hour; spans are sized so a window holds about TARGET_RESULTS. */
	private learnDensity(results: number, lengthMs: number, isLowerBound: boolean): void {
		const measured = (results / Math.max(lengthMs, MIN_SPAN_MS)) * HOUR_MS;
		const previous = this.json.perHour;
		let next = previous === 0 ? measured : previous * 0.5 + measured * 0.5;
		// An overflowing window holds at least a page; never believe less than that.
		if (isLowerBound) next = Math.max(next, measured * 1.25);
		this.json.perHour = next;
		if (!isLowerBound) this.json.spanMs = spanFor(next);
	}
}

/** The window length (overlap included) that holds about TARGET_RESULTS changes at this density. */
export function spanFor(perHour: number): number {
	if (perHour <= 0) return MAX_SPAN_MS;
	const total = TARGET_RESULTS / (perHour / HOUR_MS);
	return Math.round(Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, total)));
}

function parseVersion(value: unknown): { ms: number; status: string } | undefined {
	if (typeof value !== 'string') return undefined;
	const slash = value.indexOf('/');
	const ms = Number(slash < 0 ? value : value.slice(0, slash));
	return Number.isFinite(ms) ? { ms, status: slash < 0 ? '' : value.slice(slash + 1) } : undefined;
}


function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}
