/**
 * One scheduled poll's reads: the steps pollStep.ts decides, performed against Amazon, on the
 * cursor the poll will save. No n8n here: the node (poll.ts) reads its parameters and static data,
 * runs this, and commits what it returns.
 */
import type { SpApiClient, SpApiError } from '../transport';
import { getClock } from '../transport';
import { EventCollector } from './collector';
import { Cursor } from './cursor';
import type { TriggerOptions } from './options';
import type { SearchOrders, StreamFilter, StreamResult } from './orderStream';
import { readStream } from './orderStream';
import type { LastStep, NextStep } from './pollStep';
import { nextStep } from './pollStep';
import { RESERVE_TOKENS } from './readPolicy';
import type { ReportDeps, ReportStep } from './reportPath';
import { advanceReport, wantsReport } from './reportPath';
import type { EmittedEvent } from './types';

/** With only money events selected, the order position follows the clock unread, at most this far behind. */
const UNREAD_LAG_MS = 10 * 60_000;

/** Steps one poll takes at most (report checks while waiting, searchOrders runs). */
const MAX_STEPS = 200;
/** How long a poll waits for a report an earlier poll asked for. */
const MAX_REPORT_WAIT_MS = 2 * 60_000;

/** What one scheduled poll did: logged by the node (debug), read by tests and the benchmark. */
export interface PollReport {
	events: number;
	calls: number;
	read: number;
	repeats: number;
	windowsCommitted: number;
	stop?: StreamResult['stop'];
	report?: ReportStep;
	end?: Extract<NextStep, { step: 'end' }>['why'];
	watermarkMs: number;
}

export interface PollRun {
	events: EmittedEvent[];
	report: PollReport;
	/** The transient failure that stopped reading, if any (the position is kept). */
	failure?: SpApiError;
}

export interface PollRunDeps {
	client: SpApiClient;
	options: TriggerOptions;
	filter: StreamFilter;
	search: SearchOrders;
	/** The account's marketplaces (undefined when they could not be read: no report then). */
	participating?: string[];
	/** Triggers of the account polling in this process, this one included (readPolicy.noteTriggerPoll). */
	sharers: number;
	stopAtMs: number;
	warn(message: string): void;
}

export async function runScheduledPoll(cursor: Cursor, deps: PollRunDeps): Promise<PollRun> {
	const clock = getClock();
	const { client, options } = deps;
	const collector = new EventCollector(cursor, options.events, options.fbaNewWhen);
	const report: PollReport = { events: 0, calls: 0, read: 0, repeats: 0, windowsCommitted: 0, watermarkMs: cursor.watermarkMs };
	let failure: SpApiError | undefined;
	if (!options.events.size) return skipOrderStream(cursor, report, clock.now());

	const reportMarketplaces = options.marketplaceIds.length ? options.marketplaceIds : deps.participating;
	// The budget in force: in queue mode it is shared, so what workers spend (Get Many) counts here too.
	const spendable = async () => (await client.available('searchOrders')) - RESERVE_TOKENS;
	// Set when the report path cannot be used in this poll (its request failed): searchOrders goes on.
	let reportOff = false;
	const reportWanted = async () => !reportOff && reportMarketplaces !== undefined && wantsReport(cursor, clock.now(), await spendable());
	const reportDeps: ReportDeps = {
		call: async (operation, request, callOptions) => (await client.call(operation, request, callOptions)).body as never,
		download: async (url, compression) => await client.download(url, compression),
		tokensNow: async (operation) => await client.available(operation),
		nowMs: () => clock.now(),
		stopAtMs: deps.stopAtMs,
		handle: (observations) => collector.handle(observations),
		warn: deps.warn,
	};
	// Only a report asked for by an earlier poll is waited for, and not for long: the poll at
	// activation (which n8n awaits) must not hang on Amazon building a report.
	const waitUntilMs = cursor.report ? Math.min(deps.stopAtMs, clock.now() + MAX_REPORT_WAIT_MS) : 0;
	const facts = async () => ({
		nowMs: clock.now(),
		reportWanted: await reportWanted(),
		reportPending: cursor.report !== undefined,
		reportRequestedMs: cursor.report?.requestedMs,
		waitUntilMs,
	});

	let last: LastStep = { step: 'start' };
	for (let step = 0; step < MAX_STEPS; step++) {
		const next = nextStep(last, await facts());
		if (next.step === 'end') {
			report.end = next.why;
			break;
		}
		if (next.step === 'report') {
			const outcome = await advanceReport(cursor, { marketplaceIds: reportMarketplaces!, fulfilledBy: options.fulfilledBy, includeAddress: options.includeBuyerData }, reportDeps);
			report.report = report.report === 'read' ? 'read' : outcome;
			last = { step: 'report', outcome };
		} else if (next.step === 'wait') {
			await clock.sleep(next.ms);
			last = { step: 'wait' };
		} else {
			if (next.step === 'searchWithoutReport') reportOff = true;
			const stream = await readStream(cursor, deps.filter, {
				search: deps.search,
				tokensNow: async () => await client.available('searchOrders'),
				sharers: deps.sharers,
				nowMs: () => clock.now(),
				stopAtMs: deps.stopAtMs,
				handle: (observations) => collector.handle(observations),
				warn: deps.warn,
				switchToReport: reportWanted,
			});
			report.calls += stream.calls;
			report.windowsCommitted += stream.windowsCommitted;
			report.stop = stream.stop;
			if (stream.stop === 'narrowestIncomplete' || cursor.deepReadPending) cursor.needsReport = true;
			failure = stream.error;
			last = { step: 'search', stop: stream.stop, deepReadPending: cursor.deepReadPending };
		}
	}

	if (failure && report.windowsCommitted === 0) cursor.noteFailure(clock.now());
	else if (report.windowsCommitted > 0 || report.report === 'read') cursor.noteSuccess();
	const events = collector.sorted();
	Object.assign(report, { events: events.length, read: collector.stats.read, repeats: collector.stats.repeats, watermarkMs: cursor.watermarkMs });
	return { events, report, failure };
}

/**
 * Only money events are selected: the order stream would emit nothing, so it spends no
 * searchOrders call. Its position moves on unread, so order events selected later start from
 * then, not from activation (as a newly selected money event does).
 */
function skipOrderStream(cursor: Cursor, report: PollReport, nowMs: number): PollRun {
	const settled = Cursor.settledBefore(nowMs);
	if (settled - cursor.watermarkMs > UNREAD_LAG_MS) cursor.commit({ afterMs: cursor.watermarkMs, beforeMs: settled }, 0);
	return { events: [], report: { ...report, end: 'done', watermarkMs: cursor.watermarkMs } };
}
