import { EventCollector } from '../../nodes/AmazonSeller/trigger/collector';
import { Cursor, OVERLAP_MS, SETTLE_MS } from '../../nodes/AmazonSeller/trigger/cursor';
import { advanceReport, ORDERS_REPORT_TYPE, REPORT_GIVE_UP_MS, reportWaitMs, wantsReport, type ReportDeps } from '../../nodes/AmazonSeller/trigger/reportPath';
import type { TriggerEvent } from '../../nodes/AmazonSeller/trigger/types';
import { SpApiError } from '../../nodes/AmazonSeller/transport/errors';
import { ALL_ORDERS_COLUMNS } from '../../simulator/apis/reports';

const START = Date.UTC(2026, 0, 5, 12);
const HOUR = 3600_000;
const ALL = new Set<TriggerEvent>(['newOrder', 'orderCanceled', 'orderUpdated']);

function tsv(rows: Array<Record<string, string>>): string {
	return [ALL_ORDERS_COLUMNS.join('\t'), ...rows.map((r) => ALL_ORDERS_COLUMNS.map((c) => r[c] ?? '').join('\t'))].join('\n');
}

class FakeReports {
	now = START + 3 * HOUR;
	status = 'IN_QUEUE';
	requests: Array<Record<string, unknown>> = [];
	document = tsv([]);

	deps(collector: EventCollector): ReportDeps {
		return {
			call: async <T>(operation: string, request: { body?: unknown }) => {
				if (operation === 'createReport') {
					this.requests.push(request.body as Record<string, unknown>);
					return { reportId: 'R1' } as T;
				}
				if (operation === 'getReport') return { processingStatus: this.status, ...(this.status === 'DONE' ? { reportDocumentId: 'D1' } : {}) } as T;
				return { url: 'https://docs/D1', compressionAlgorithm: 'GZIP' } as T;
			},
			download: async () => this.document,
			tokensNow: () => 10,
			nowMs: () => this.now,
			stopAtMs: Number.MAX_SAFE_INTEGER,
			handle: (o) => collector.handle(o),
			warn: () => {},
		};
	}
}

function busyCursor(): Cursor {
	const cursor = Cursor.fresh(START);
	// 3,000 changes seen in the first 10 minutes: hours of backlog searchOrders could not page.
	cursor.commit({ afterMs: START - OVERLAP_MS, beforeMs: START + 600_000 }, 3000);
	return cursor;
}

describe('orders report path', () => {
	it('is chosen for a backlog the budget cannot page, not for a quiet seller', () => {
		expect(wantsReport(busyCursor(), START + 3 * HOUR, 18)).toBe(true);
		const quiet = Cursor.fresh(START);
		quiet.commit({ afterMs: START - OVERLAP_MS, beforeMs: START + HOUR }, 30);
		expect(wantsReport(quiet, START + 3 * HOUR, 18)).toBe(false);
	});

	it('pages a backlog of about a thousand changes with a full burst, but not once the burst is spent', () => {
		const cursor = Cursor.fresh(START);
		// 500 changes an hour, two hours behind: about 1,000 waiting.
		cursor.commit({ afterMs: START - OVERLAP_MS, beforeMs: START - OVERLAP_MS + HOUR }, 500);
		const now = START + 3 * HOUR + SETTLE_MS;
		expect(cursor.backlogEstimate(now)).toBeGreaterThan(900);
		expect(wantsReport(cursor, now, 18)).toBe(false);
		expect(wantsReport(cursor, now, 2)).toBe(true);
	});

	it('asks for the watermark-to-settled range, waits, then reads it like one window', async () => {
		const fake = new FakeReports();
		const cursor = busyCursor();
		const collector = new EventCollector(cursor, ALL);
		expect(await advanceReport(cursor, { marketplaceIds: ['ATVPDKIKX0DER'], fulfilledBy: ['MERCHANT'], includeAddress: false }, fake.deps(collector))).toBe('requested');
		expect(fake.requests[0]).toEqual({
			reportType: ORDERS_REPORT_TYPE,
			dataStartTime: new Date(START + 600_000 - OVERLAP_MS).toISOString().replace('.000', ''),
			dataEndTime: new Date(Cursor.settledBefore(fake.now)).toISOString().replace('.000', ''),
			marketplaceIds: ['ATVPDKIKX0DER'],
		});
		fake.now += 60_000;
		expect(await advanceReport(cursor, { marketplaceIds: ['ATVPDKIKX0DER'], fulfilledBy: ['MERCHANT'], includeAddress: false }, fake.deps(collector))).toBe('waiting');
		fake.status = 'DONE';
		const order = (id: string, channel: string) => ({
			'amazon-order-id': id,
			'purchase-date': new Date(START + HOUR).toISOString(),
			'last-updated-date': new Date(START + 2 * HOUR).toISOString(),
			'order-status': 'Unshipped',
			'fulfillment-channel': channel,
			'sales-channel': 'Amazon.com',
		});
		fake.document = tsv([order('111-1', 'Merchant'), order('111-2', 'Amazon')]);
		expect(await advanceReport(cursor, { marketplaceIds: ['ATVPDKIKX0DER'], fulfilledBy: ['MERCHANT'], includeAddress: false }, fake.deps(collector))).toBe('read');
		// The FBA order is dropped by the Fulfilled By filter; the FBM one is new.
		expect(collector.events.map((e) => [e.observation.orderId, e.event])).toEqual([['111-1', 'newOrder']]);
		expect(cursor.watermarkMs).toBe(Cursor.settledBefore(START + 3 * HOUR));
		expect(cursor.report).toBeUndefined();
	});

	it('takes a cancelled report as "no changes" (Amazon cancels empty reports)', async () => {
		const fake = new FakeReports();
		const cursor = busyCursor();
		const deps = fake.deps(new EventCollector(cursor, ALL));
		await advanceReport(cursor, { marketplaceIds: ['ATVPDKIKX0DER'], fulfilledBy: [], includeAddress: false }, deps);
		fake.now += 5 * 60_000;
		fake.status = 'CANCELLED';
		expect(await advanceReport(cursor, { marketplaceIds: ['ATVPDKIKX0DER'], fulfilledBy: [], includeAddress: false }, deps)).toBe('read');
		expect(cursor.watermarkMs).toBe(Cursor.settledBefore(START + 3 * HOUR));
	});

	it.each([
		['FATAL', (f: FakeReports) => (f.status = 'FATAL')],
		['not done after two hours', (f: FakeReports) => (f.now += REPORT_GIVE_UP_MS + 1)],
	])('falls back to searchOrders for an hour when the report is %s, keeping the position', async (_name, spoil) => {
		const fake = new FakeReports();
		const cursor = busyCursor();
		const deps = fake.deps(new EventCollector(cursor, ALL));
		await advanceReport(cursor, { marketplaceIds: ['ATVPDKIKX0DER'], fulfilledBy: [], includeAddress: false }, deps);
		fake.now += 5 * 60_000;
		spoil(fake);
		expect(await advanceReport(cursor, { marketplaceIds: ['ATVPDKIKX0DER'], fulfilledBy: [], includeAddress: false }, deps)).toBe('failed');
		expect(cursor.watermarkMs).toBe(START + 600_000);
		expect(wantsReport(cursor, fake.now + HOUR / 2, 0)).toBe(false);
		expect(wantsReport(cursor, fake.now + HOUR + SETTLE_MS, 0)).toBe(true);
	});

	it('retries later when Amazon is busy, and gives up on the report (not the trigger) when refused', async () => {
		const cursor = busyCursor();
		const collector = new EventCollector(cursor, ALL);
		const base = new FakeReports().deps(collector);
		const busy = { ...base, call: async () => Promise.reject(new SpApiError('Service unavailable', { code: 'HTTP503', statusCode: 503, transient: true })) };
		expect(await advanceReport(cursor, { marketplaceIds: ['ATVPDKIKX0DER'], fulfilledBy: [], includeAddress: false }, busy)).toBe('budget');
		expect(cursor.reportFailedMs).toBeUndefined();
		const refused = { ...base, call: async () => Promise.reject(new SpApiError('Access to requested resource is denied', { code: 'Unauthorized', statusCode: 403 })) };
		expect(await advanceReport(cursor, { marketplaceIds: ['ATVPDKIKX0DER'], fulfilledBy: [], includeAddress: false }, refused)).toBe('failed');
		expect(cursor.reportFailedMs).toBeDefined();
	});
});

it('a poll waiting for a report checks it at a tenth of its age (5 s to 30 s)', () => {
	expect(reportWaitMs(10_000)).toBe(5_000);
	expect(reportWaitMs(120_000)).toBe(12_000);
	expect(reportWaitMs(3_600_000)).toBe(30_000);
	// Waiting from the next poll (60 s after the request), a report Amazon builds in 89 s is read
	// within 10 % of that, after a handful of checks.
	let age = 60_000;
	let checks = 0;
	while (age < 89_000) {
		age += reportWaitMs(age);
		checks++;
	}
	expect(age).toBeLessThan(89_000 * 1.1);
	expect(checks).toBeLessThanOrEqual(6);
});
