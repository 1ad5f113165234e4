import { findReports } from '../../nodes/AmazonSeller/transport';
import type { SpApiClient, SpApiRequest } from '../../nodes/AmazonSeller/transport';
import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../../simulator/virtualClock';

/** findReports against a stand-in client: Amazon's getReports rules kept on our side. */
const DAY = 86_400_000;

function fakeClient(pages: Array<{ reports: Array<{ reportId: string }>; nextToken?: string }>) {
	const calls: Array<{ operation: string; request: SpApiRequest }> = [];
	const client = {
		call: async (operation: string, request: SpApiRequest) => {
			calls.push({ operation, request });
			return { body: pages[calls.length - 1], statusCode: 200, headers: {} };
		},
	} as unknown as SpApiClient;
	return { client, calls };
}

describe('findReports', () => {
	const clock = new VirtualClock(Date.UTC(2026, 5, 1));
	beforeAll(() => setClock(clock));
	afterAll(() => setClock(systemClock));

	test('reads every page; a later page sends its nextToken alone', async () => {
		const { client, calls } = fakeClient([
			{ reports: [{ reportId: '1' }], nextToken: 'a' },
			{ reports: [], nextToken: 'b' },
			{ reports: [{ reportId: '2' }, { reportId: '3' }] },
		]);
		const reports = await findReports(client, { reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'], createdSince: clock.now() - 30 * DAY, marketplaceIds: ['ATVPDKIKX0DER'], processingStatuses: ['DONE'] });
		expect(reports.map((r) => r.reportId)).toEqual(['1', '2', '3']);
		expect(calls.map((c) => c.operation)).toEqual(['getReports', 'getReports', 'getReports']);
		expect(calls[0].request.query).toEqual({
			reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'],
			pageSize: 100,
			createdSince: new Date(clock.now() - 30 * DAY).toISOString().replace('.000Z', 'Z'),
			marketplaceIds: ['ATVPDKIKX0DER'],
			processingStatuses: ['DONE'],
		});
		expect(calls[1].request.query).toEqual({ nextToken: 'a' });
		expect(calls[2].request.query).toEqual({ nextToken: 'b' });
	});

	test('refuses a createdSince more than 90 days back before sending anything', async () => {
		const { client, calls } = fakeClient([]);
		await expect(findReports(client, { reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'], createdSince: clock.now() - 91 * DAY })).rejects.toThrow(
			/more than 90 days ago: Amazon keeps reports findable for 90 days/,
		);
		await expect(findReports(client, { reportTypes: [] })).rejects.toThrow(/at least one report type/);
		await expect(findReports(client, { reportTypes: ['X'], createdSince: clock.now() - DAY, createdUntil: clock.now() - 2 * DAY })).rejects.toThrow(/before createdSince/);
		expect(calls).toEqual([]);
	});

	test('stops paging at the limit', async () => {
		const { client, calls } = fakeClient([{ reports: [{ reportId: '1' }, { reportId: '2' }], nextToken: 'a' }, { reports: [{ reportId: '3' }] }]);
		expect((await findReports(client, { reportTypes: ['X'], limit: 2 })).map((r) => r.reportId)).toEqual(['1', '2']);
		expect(calls).toHaveLength(1);
		expect(calls[0].request.query?.pageSize).toBe(2);
	});
});
