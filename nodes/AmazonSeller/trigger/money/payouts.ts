/**
 * Payout: which settlement reports are new, and the v0 event group that goes with one. Pure;
 * readPayouts.ts performs the calls.
 *
 * How closed periods are found: getReports for GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2. Amazon
 * publishes that report when a period closes (it cannot be requested), and it is what a Payout
 * reads anyway (the deposit, the period, every line), so one call both finds closed periods and
 * hands over their documents. v0 listFinancialEventGroups would find them too, but its groups
 * carry no settlement id and no document: matching one to its report would take this same
 * getReports call. The group is still read once per payout, for what only it has: the fund
 * transfer status and date.
 *
 * Position: the reports emitted (by report id and settlement id), kept while getReports can list
 * them again. Each check asks for reports created since the newest one seen, less a week (for
 * reports Amazon lists late), and never more than Amazon's 90 days back.
 */
import { isRecord } from '../../amazon/json';
import type { PayoutSummary } from '../../amazon/finances';
import type { SettlementSummary } from '../../amazon/settlementReport';
import { SETTLEMENT_REPORT_TYPE } from '../../amazon/settlementReport';
import { parseTime } from '../observations';
import { SeenIds, type SeenJson } from './seenIds';

const DAY = 24 * 3600_000;
/** getReports refuses a createdSince more than 90 days back; a day less keeps clear of the edge. */
export const REPORTS_RETENTION_MS = 89 * DAY;
/** Reports listed late: each check looks this far behind the newest report seen. */
export const PAYOUT_LOOKBACK_MS = 7 * DAY;
/** About 2 settlements a month per currency: a few hundred ids is years of them. */
const MAX_SEEN = 2_000;
/** A group starting this close to the report's period start is the same period. */
const GROUP_MATCH_MS = 60_000;

export interface PayoutStateJson {
	startMs: number;
	lastCheckMs?: number;
	/** Set when a check found reports it could not read (budget, poll time): the next poll goes on. */
	behind?: boolean;
	newestCreatedMs?: number;
	/** `r:<reportId>` and `s:<settlementId>` → the report's createdTime. */
	seen: SeenJson;
}

/** A settlement report as getReports lists it. */
export interface ListedReport {
	reportId: string;
	createdMs: number;
	reportDocumentId: string;
	marketplaceIds: string[];
}

export class PayoutState {
	readonly seen: SeenIds;

	constructor(private readonly json: PayoutStateJson) {
		this.seen = new SeenIds(json.seen, MAX_SEEN);
	}

	static fresh(startMs: number): PayoutState {
		return new PayoutState({ startMs, seen: { ids: {} } });
	}

	static load(stored: unknown): PayoutState | undefined {
		if (!isRecord(stored) || typeof stored.startMs !== 'number' || !Number.isFinite(stored.startMs)) return undefined;
		return new PayoutState({ ...(stored as unknown as PayoutStateJson) });
	}

	get startMs(): number {
		return this.json.startMs;
	}

	get lastCheckMs(): number | undefined {
		return this.json.lastCheckMs;
	}

	isDue(nowMs: number, intervalMs: number): boolean {
		const last = this.json.lastCheckMs;
		return this.json.behind === true || last === undefined || nowMs - last >= intervalMs || last > nowMs;
	}

	/** The createdSince of the next getReports call. */
	createdSince(nowMs: number): number {
		const newest = this.json.newestCreatedMs ?? this.json.startMs;
		return Math.min(nowMs - 60_000, Math.max(this.json.startMs, nowMs - REPORTS_RETENTION_MS, newest - PAYOUT_LOOKBACK_MS));
	}

	/**
	 * The listed reports still to read, oldest first: settlement reports created since the start,
	 * not read before, and (with a marketplace selection) covering one of the selected marketplaces.
	 */
	toRead(listed: ListedReport[], marketplaceIds: string[]): ListedReport[] {
		return listed
			.filter((r) => r.createdMs >= this.json.startMs && !this.seen.has(`r:${r.reportId}`))
			.filter((r) => !marketplaceIds.length || !r.marketplaceIds.length || r.marketplaceIds.some((id) => marketplaceIds.includes(id)))
			.sort((a, b) => a.createdMs - b.createdMs || (a.reportId < b.reportId ? -1 : 1));
	}

	/** Whether a payout for this settlement was emitted before (Amazon may publish a settlement's report again). */
	settlementSeen(settlementId: string): boolean {
		return this.seen.has(`s:${settlementId}`);
	}

	/** A report was read (emitted, a repeat of a settlement, or unreadable): never read it again. */
	done(report: ListedReport, settlementId?: string): void {
		this.seen.add(`r:${report.reportId}`, report.createdMs);
		if (settlementId) this.seen.add(`s:${settlementId}`, report.createdMs);
		this.json.newestCreatedMs = Math.max(this.json.newestCreatedMs ?? 0, report.createdMs);
	}

	/** The check ended: `complete` when every listed report was read. */
	checked(nowMs: number, complete: boolean): void {
		if (complete) {
			this.json.lastCheckMs = nowMs;
			delete this.json.behind;
		} else {
			this.json.behind = true;
		}
		// A report created before the next check's createdSince is never listed again.
		this.seen.forget(this.createdSince(nowMs));
	}

	toJSON(): PayoutStateJson {
		return { ...this.json, seen: this.seen.toJSON() };
	}
}

/** The settlement reports of a getReports answer (other types, unfinished or odd entries are left out). */
export function listedSettlementReports(body: unknown): ListedReport[] {
	const reports = isRecord(body) && Array.isArray(body.reports) ? body.reports : [];
	const out: ListedReport[] = [];
	for (const report of reports) {
		if (!isRecord(report) || report.reportType !== SETTLEMENT_REPORT_TYPE || report.processingStatus !== 'DONE') continue;
		const createdMs = parseTime(report.createdTime);
		if (typeof report.reportId !== 'string' || typeof report.reportDocumentId !== 'string' || createdMs === undefined) continue;
		const marketplaceIds = Array.isArray(report.marketplaceIds) ? report.marketplaceIds.filter((id): id is string => typeof id === 'string') : [];
		out.push({ reportId: report.reportId, createdMs, reportDocumentId: report.reportDocumentId, marketplaceIds });
	}
	return out;
}

/**
 * The v0 event group of the settlement: same currency, starting at the period's start (Amazon's
 * report and group describe the same period). Undefined when none matches.
 */
export function groupFor(summary: SettlementSummary, groups: PayoutSummary[]): PayoutSummary | undefined {
	const start = parseTime(summary.start);
	if (start === undefined) return undefined;
	let best: { group: PayoutSummary; distance: number } | undefined;
	for (const group of groups) {
		const groupStart = parseTime(group.start);
		const currency = group.originalTotal?.currency ?? group.convertedTotal?.currency;
		if (groupStart === undefined || (currency && currency !== summary.currency)) continue;
		const distance = Math.abs(groupStart - start);
		if (distance <= GROUP_MATCH_MS && (!best || distance < best.distance)) best = { group, distance };
	}
	return best?.group;
}
