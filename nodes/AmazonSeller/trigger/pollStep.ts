/**
 * What a scheduled poll does next, decided from what the last step did and what the trigger knows
 * now. Pure (tested like events.ts); pollRun.ts performs the steps.
 *
 * A poll works on the report path first when it is wanted (a report to read, wait for or ask for),
 * then reads searchOrders windows; a window that shows more backlog than searchOrders can page
 * hands back to the report. Every step either moves on or ends the poll, and the executor bounds
 * the number of steps, so a poll always ends.
 */
import type { ReportStep } from './reportPath';
import { reportWaitMs } from './reportPath';
import type { StopReason } from './orderStream';

export type LastStep =
	| { step: 'start' }
	| { step: 'report'; outcome: ReportStep }
	| { step: 'wait' }
	| { step: 'search'; stop: StopReason; deepReadPending: boolean };

export interface PollFacts {
	nowMs: number;
	/** Whether the report path should run now (wantsReport, unless the path failed earlier in this poll). */
	reportWanted: boolean;
	/** A report asked for (by this or an earlier poll) and not read yet. */
	reportPending: boolean;
	/** When the pending report was asked for. */
	reportRequestedMs?: number;
	/** Until when this poll may wait for a pending report (0: it must not wait, e.g. at activation). */
	waitUntilMs: number;
}

export type NextStep =
	/** Request, check or read the report (reportPath.advanceReport). */
	| { step: 'report' }
	/** Sleep, then check the report again. */
	| { step: 'wait'; ms: number }
	/** Read searchOrders windows (orderStream.readStream). */
	| { step: 'search' }
	/** The report path cannot be used in this poll (its request or document failed): searchOrders goes on. */
	| { step: 'searchWithoutReport' }
	| { step: 'end'; why: 'reportRequested' | 'reportPending' | 'budget' | 'done' };

export function nextStep(last: LastStep, facts: PollFacts): NextStep {
	switch (last.step) {
		case 'start':
			if (facts.reportWanted) return { step: 'report' };
			return facts.reportPending ? { step: 'end', why: 'reportPending' } : { step: 'search' };
		case 'wait':
			return { step: 'report' };
		case 'report':
			return afterReport(last.outcome, facts);
		case 'search': {
			// A window too dense to narrow, or a backlog larger than the budget pages, is the report's.
			const handsOver = last.stop === 'report' || last.stop === 'narrowestIncomplete' || last.deepReadPending;
			return handsOver && facts.reportWanted ? { step: 'report' } : { step: 'end', why: 'done' };
		}
	}
}

function afterReport(outcome: ReportStep, facts: PollFacts): NextStep {
	switch (outcome) {
		case 'read':
			// Read and committed: whatever changed since the report's end is searchOrders' (or another report's).
			return nextStep({ step: 'start' }, facts);
		case 'requested':
			// Never wait for a report this poll asked for: it may be the activation poll, which n8n awaits.
			return { step: 'end', why: 'reportRequested' };
		case 'waiting': {
			const wait = reportWaitMs(facts.nowMs - (facts.reportRequestedMs ?? facts.nowMs));
			return facts.nowMs + wait >= facts.waitUntilMs ? { step: 'end', why: 'reportPending' } : { step: 'wait', ms: wait };
		}
		case 'budget':
			// No budget to check or download a pending report: the next poll goes on with it. Without one
			// pending (no createReport token), searchOrders reads meanwhile.
			return facts.reportPending ? { step: 'end', why: 'budget' } : { step: 'searchWithoutReport' };
		case 'failed':
			return { step: 'searchWithoutReport' };
	}
}
