/* eslint-disable @typescript-eslint/no-explicit-any */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callsSeen, count, DAY, runOperation, useFinanceSimulator } from './simSupport';

/** Return → Get Many on the simulator: createReport → wait → document → one item per return. */
const env = useFinanceSimulator(51);

const iso = (ms: number) => new Date(ms).toISOString();
const getReturns = async (parameters: Record<string, unknown>, items?: IDataObject[]) =>
	(await runOperation(env.sim, 'return', 'getMany', { fulfilledBy: ['FBM', 'FBA'], marketplaceIds: [], returnAll: true, options: {}, ...parameters }, { items }))[0];

/** Returns the simulator would list for the account in the range, by fulfillment. */
function expectedReturns(after: number, before: number) {
	return env.sim.finance
		.returns({ account: 'na' })
		.filter((r) => {
			const date = r.fulfillment === 'AFN' ? r.returnedAt : r.requestedAt;
			return date >= after && date <= before;
		});
}

describe('Return → Get Many', () => {
	it('returns every FBM and FBA return of the range, one item each, from reports it requested', async () => {
		const { sim, clock } = env;
		const shipped = sim.orders.all().filter((o) => o.account === 'na' && o.status === 'SHIPPED');
		const fba = shipped.find((o) => o.fulfilledBy === 'AMAZON' && !sim.finance.returns({ orderId: o.orderId }).length)!;
		const fbm = shipped.find((o) => o.fulfilledBy === 'MERCHANT' && !sim.finance.returns({ orderId: o.orderId }).length)!;
		sim.finance.addReturn(fba.orderId, { disposition: 'CUSTOMER_DAMAGED', reason: 'DEFECTIVE' });
		sim.finance.addReturn(fbm.orderId, { reason: 'UNWANTED_ITEM' });
		clock.advance(10 * 60_000);
		sim.resetCalls();
		const after = clock.now() - 30 * DAY;
		const output = await getReturns({ returnedAfter: iso(after) });
		const expected = expectedReturns(after, clock.now());
		expect(expected.length).toBeGreaterThanOrEqual(2);
		expect(output).toHaveLength(expected.length);
		expect(output.every((item) => item.json.status !== 'processing')).toBe(true);
		const found = output.map((item) => item.json as any);
		expect(found.filter((r) => r.fulfilledBy === 'FBA').map((r) => r.orderId).sort()).toEqual(expected.filter((r) => r.fulfillment === 'AFN').map((r) => r.orderId).sort());
		expect(found.filter((r) => r.fulfilledBy === 'FBM').map((r) => r.orderId).sort()).toEqual(expected.filter((r) => r.fulfillment === 'MFN').map((r) => r.orderId).sort());
		expect(found.find((r) => r.orderId === fba.orderId)).toMatchObject({ fulfilledBy: 'FBA', disposition: 'CUSTOMER_DAMAGED' });
		expect(new Set(found.map((r) => r.returnId)).size).toBe(found.length);
		// One report per type for a 30-day range, with every marketplace of the account.
		const calls = count(callsSeen(sim));
		expect(calls.createReport).toBe(2);
		expect(calls.getReportDocument).toBe(2);
		expect(calls.getMarketplaceParticipations).toBe(1);
		const reportTypes = sim.calls.filter((call) => call.operation === 'createReport').map((call) => (call.body as any).reportType).sort();
		expect(reportTypes).toEqual(['GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE']);
		expect(sim.validationErrors).toEqual([]);
	});

	it('shares one report between items asking the same, and splits a long range into 60-day parts', async () => {
		const { sim, clock } = env;
		const after = iso(clock.now() - 20 * DAY);
		const output = await runOperation(sim, 'return', 'getMany', { fulfilledBy: ['FBA'], returnedAfter: after, marketplaceIds: ['ATVPDKIKX0DER'], returnAll: true, options: {} }, { items: [{}, {}] });
		expect(count(callsSeen(sim)).createReport).toBe(1);
		expect(output[0].filter((item) => (item.pairedItem as any).item === 0).length).toBe(output[0].filter((item) => (item.pairedItem as any).item === 1).length);
		sim.resetCalls();
		await getReturns({ fulfilledBy: ['FBM'], returnedAfter: iso(clock.now() - 100 * DAY) });
		const ranges = sim.calls.filter((call) => call.operation === 'createReport').map((call) => call.body as any);
		expect(ranges).toHaveLength(2);
		for (const range of ranges) expect(Date.parse(range.dataEndTime) - Date.parse(range.dataStartTime)).toBeLessThanOrEqual(60 * DAY);
		expect(sim.validationErrors).toEqual([]);
	});

	it('answers "processing" with the report id when Amazon takes longer than the wait, and collects it later', async () => {
		const { sim, clock } = env;
		const first = await getReturns({ fulfilledBy: ['FBA'], returnedAfter: iso(clock.now() - 30 * DAY), options: { waitMinutes: 0 } });
		expect(first).toHaveLength(1);
		expect(first[0].json).toMatchObject({ status: 'processing', reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA' });
		const reportId = first[0].json.reportId as string;
		expect(reportId).toMatch(/^\d+$/);
		const requested = sim.calls.find((call) => call.operation === 'createReport')!.body as any;
		clock.advance(10 * 60_000);
		sim.resetCalls();
		const later = await getReturns({ options: { reportIds: reportId } });
		expect(count(callsSeen(sim)).createReport).toBeUndefined();
		expect(later.map((item) => (item.json as any).fulfilledBy)).toEqual(later.map(() => 'FBA'));
		const expected = expectedReturns(Date.parse(requested.dataStartTime), Date.parse(requested.dataEndTime)).filter((r) => r.fulfillment === 'AFN');
		expect(expected.length).toBeGreaterThan(0);
		expect(later.map((item) => item.json.orderId).sort()).toEqual(expected.map((r) => r.orderId).sort());
	});

	it('checks every item before calling Amazon', async () => {
		const { sim, clock } = env;
		const future = getReturns({ returnedAfter: iso(clock.now() + DAY) });
		await expect(future).rejects.toThrow(NodeOperationError);
		await expect(future).rejects.toThrow(/Item 0: Returned After .* is not in the past/);
		await expect(getReturns({ returnedAfter: iso(clock.now() - DAY), fulfilledBy: [] })).rejects.toThrow(/Fulfilled By is empty/);
		await expect(getReturns({ returnedAfter: iso(clock.now() - DAY), options: { waitMinutes: 600 } })).rejects.toThrow(/Wait Up To \(Minutes\) must be between 0 and 60/);
		expect(callsSeen(sim)).toEqual([]);
	});
});
