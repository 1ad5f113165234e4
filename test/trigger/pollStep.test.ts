import type { PollFacts } from '../../nodes/AmazonSeller/trigger/pollStep';
import { nextStep } from '../../nodes/AmazonSeller/trigger/pollStep';

const NOW = Date.UTC(2026, 0, 5, 12);
const facts = (change: Partial<PollFacts> = {}): PollFacts => ({ nowMs: NOW, reportWanted: false, reportPending: false, waitUntilMs: 0, ...change });

describe('what a scheduled poll does next', () => {
	it('starts with searchOrders, or with the report when one is wanted', () => {
		expect(nextStep({ step: 'start' }, facts())).toEqual({ step: 'search' });
		expect(nextStep({ step: 'start' }, facts({ reportWanted: true }))).toEqual({ step: 'report' });
	});

	it('never pages searchOrders while a report it cannot use now is pending (the report will cover it)', () => {
		expect(nextStep({ step: 'start' }, facts({ reportPending: true }))).toEqual({ step: 'end', why: 'reportPending' });
	});

	it('ends right after asking for a report: the activation poll must not wait for Amazon to build it', () => {
		expect(nextStep({ step: 'report', outcome: 'requested' }, facts({ reportWanted: true, reportPending: true, waitUntilMs: NOW + 120_000 }))).toEqual({
			step: 'end',
			why: 'reportRequested',
		});
	});

	it('waits for a pending report at a tenth of its age, within the time the poll may wait', () => {
		const pending = facts({ reportWanted: true, reportPending: true, reportRequestedMs: NOW - 200_000, waitUntilMs: NOW + 120_000 });
		expect(nextStep({ step: 'report', outcome: 'waiting' }, pending)).toEqual({ step: 'wait', ms: 20_000 });
		expect(nextStep({ step: 'wait' }, pending)).toEqual({ step: 'report' });
		expect(nextStep({ step: 'report', outcome: 'waiting' }, { ...pending, waitUntilMs: NOW + 10_000 })).toEqual({ step: 'end', why: 'reportPending' });
	});

	it('after reading a report, reads on with searchOrders (or another report)', () => {
		expect(nextStep({ step: 'report', outcome: 'read' }, facts())).toEqual({ step: 'search' });
		expect(nextStep({ step: 'report', outcome: 'read' }, facts({ reportWanted: true }))).toEqual({ step: 'report' });
	});

	it('a failed report path hands over to searchOrders for this poll; a pending report without budget waits for the next poll', () => {
		expect(nextStep({ step: 'report', outcome: 'failed' }, facts({ reportWanted: true }))).toEqual({ step: 'searchWithoutReport' });
		expect(nextStep({ step: 'report', outcome: 'budget' }, facts({ reportWanted: true }))).toEqual({ step: 'searchWithoutReport' });
		expect(nextStep({ step: 'report', outcome: 'budget' }, facts({ reportWanted: true, reportPending: true }))).toEqual({ step: 'end', why: 'budget' });
	});

	it('searchOrders hands a backlog it cannot page, or a window too dense to narrow, to the report', () => {
		for (const stop of ['report', 'narrowestIncomplete'] as const) {
			expect(nextStep({ step: 'search', stop, deepReadPending: false }, facts({ reportWanted: true }))).toEqual({ step: 'report' });
		}
		expect(nextStep({ step: 'search', stop: 'budget', deepReadPending: true }, facts({ reportWanted: true }))).toEqual({ step: 'report' });
		expect(nextStep({ step: 'search', stop: 'report', deepReadPending: false }, facts({ reportWanted: false }))).toEqual({ step: 'end', why: 'done' });
		expect(nextStep({ step: 'search', stop: 'caughtUp', deepReadPending: false }, facts({ reportWanted: true }))).toEqual({ step: 'end', why: 'done' });
	});
});
