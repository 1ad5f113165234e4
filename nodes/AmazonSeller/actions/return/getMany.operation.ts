import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { FBA_RETURNS_REPORT_TYPE, MERCHANT_RETURNS_REPORT_TYPE, parseReturnsReport, type AmazonReturn, type ReturnsReportType } from '../../amazon/returnsReport';
import { participating, type ParticipationsResponse } from '../../amazon/sellers';
import { iso } from '../../rules/dates';
import { buildReturnsRanges, MAX_REPORT_MARKETPLACES, type ReturnsRange } from '../../rules/financeQueries';
import { InputError } from '../../rules/inputError';
import { readMarketplaceId } from '../../rules/orderFields';
import { getClock, getSpApiClient, parseReport, readReportDocument, requestReport, SpApiError, waitForReport, type AmazonReport, type SpApiClient } from '../../transport';
import type { ItemRunner } from '../itemRunner';
import { returnAllFields } from '../fields';

/**
 * Return → Get Many: customer returns from Amazon's returns reports, merchant-fulfilled
 * (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE) and Amazon-fulfilled
 * (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA): createReport, the wait (getReport at growing
 * intervals, bounded by "Wait Up To"), the document, parseReturnsReport; one item per return.
 *
 * createReport sustains one call a minute (burst 15), so reports are requested only as needed:
 * one per report type and 60-day part of the range, shared by every input item asking the same.
 * A report Amazon has not finished when the wait ends gives a "processing" item with its report
 * id: a later run collects it with the option "Report IDs" instead of requesting a new one.
 */
const show = { resource: ['return'], operation: ['getMany'] };
const DEFAULT_WAIT_MINUTES = 10;
const MAX_WAIT_MINUTES = 60;

export const description: INodeProperties[] = [
	{
		displayName: 'Fulfilled By',
		name: 'fulfilledBy',
		type: 'multiOptions',
		options: [
			{ name: 'Amazon (FBA)', value: 'FBA', description: 'Returns Amazon received at its fulfillment centers' },
			{ name: 'Merchant (FBM)', value: 'FBM', description: 'Return requests for orders you shipped' },
		],
		default: ['FBM', 'FBA'],
		displayOptions: { show },
	},
	{
		displayName: 'Returned After',
		name: 'returnedAfter',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Returns dated at or after this time (FBM: the return request date; FBA: the date Amazon received it)',
		displayOptions: { show },
	},
	{
		displayName: 'Returned Before',
		name: 'returnedBefore',
		type: 'dateTime',
		default: '',
		description: 'Optional; now when empty. Ranges over 60 days are requested in 60-day parts.',
		displayOptions: { show },
	},
	{
		displayName: 'Marketplace Names or IDs',
		name: 'marketplaceIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getMarketplaces' },
		default: [],
		description:
			'Returns of these marketplaces (at most 25); empty: every marketplace of the account. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	...returnAllFields(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Report IDs',
				name: 'reportIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 52312017554',
				description: 'Collect returns reports an earlier run requested (its "processing" items\' reportId), comma-separated, instead of requesting new ones',
			},
			{
				displayName: 'Wait Up To (Minutes)',
				name: 'waitMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_WAIT_MINUTES },
				default: DEFAULT_WAIT_MINUTES,
				description: 'How long to wait for Amazon to build the reports; a report not done by then gives a "processing" item with its report ID',
			},
		],
	},
];

const REPORT_TYPES: Record<'FBM' | 'FBA', ReturnsReportType> = { FBM: MERCHANT_RETURNS_REPORT_TYPE, FBA: FBA_RETURNS_REPORT_TYPE };

interface Request {
	types: ReturnsReportType[];
	ranges: ReturnsRange[];
	marketplaceIds: string[];
	reportIds: string[];
	limit: number;
	waitMs: number;
}

/** A report's result: its returns, or that Amazon is still building it. */
type Outcome = { reportId: string; returns: AmazonReturn[] } | { reportId: string; processing: AmazonReport };

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const now = getClock().now();
	const checked = runner.read((itemIndex): Request => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const reportIds = list(options.reportIds);
		for (const id of reportIds) {
			if (!/^\d{1,20}$/.test(id)) throw new InputError('Report IDs', `Report IDs has "${id}", which is not an Amazon report id (digits)`);
		}
		const fulfilledBy = list(this.getNodeParameter('fulfilledBy', itemIndex, ['FBM', 'FBA']));
		const unknown = fulfilledBy.filter((value) => value !== 'FBM' && value !== 'FBA');
		if (unknown.length) throw new InputError('Fulfilled By', `Fulfilled By "${unknown.join(', ')}" is neither FBM nor FBA`);
		if (!fulfilledBy.length && !reportIds.length) throw new InputError('Fulfilled By', 'Fulfilled By is empty; choose Merchant (FBM), Amazon (FBA) or both');
		const marketplaceIds = list(this.getNodeParameter('marketplaceIds', itemIndex, [])).map((id) => readMarketplaceId(id)!);
		if (marketplaceIds.length > MAX_REPORT_MARKETPLACES) {
			throw new InputError('Marketplaces', `Marketplaces lists ${marketplaceIds.length} ids; a report takes at most ${MAX_REPORT_MARKETPLACES}`);
		}
		const waitMinutes = Number(options.waitMinutes ?? DEFAULT_WAIT_MINUTES);
		if (!Number.isFinite(waitMinutes) || waitMinutes < 0 || waitMinutes > MAX_WAIT_MINUTES) {
			throw new InputError('Wait Up To (Minutes)', `Wait Up To (Minutes) must be between 0 and ${MAX_WAIT_MINUTES}, not ${String(options.waitMinutes)}`);
		}
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		return {
			types: [...new Set(fulfilledBy)].map((value) => REPORT_TYPES[value as 'FBM' | 'FBA']),
			ranges: reportIds.length ? [] : buildReturnsRanges(this.getNodeParameter('returnedAfter', itemIndex, ''), this.getNodeParameter('returnedBefore', itemIndex, ''), now, this.getTimezone()),
			marketplaceIds,
			reportIds,
			limit: returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number),
			waitMs: waitMinutes * 60_000,
		};
	});
	if (checked.length === 0) return;

	const client = await getSpApiClient.call(this);
	let accountMarketplaces: Promise<string[]> | undefined;
	// Items asking for the same report share it: createReport allows one call a minute.
	const reports = new Map<string, Promise<Outcome>>();
	const once = (key: string, run: () => Promise<Outcome>) => {
		let outcome = reports.get(key);
		if (!outcome) {
			outcome = run();
			reports.set(key, outcome);
		}
		return outcome;
	};

	await runner.each(checked, async ({ itemIndex, value: request }) => {
		const deadline = getClock().now() + request.waitMs;
		let jobs: Array<Promise<Outcome>>;
		if (request.reportIds.length) {
			jobs = request.reportIds.map((reportId) => once(`id:${reportId}`, async () => await collect(client, reportId, deadline)));
		} else {
			const marketplaceIds = request.marketplaceIds.length ? request.marketplaceIds : await (accountMarketplaces ??= marketplacesOf(client));
			const keys = request.types.flatMap((reportType) => request.ranges.map((range) => ({ reportType, range })));
			// Every report is requested before the first wait: Amazon builds them side by side.
			const requested = keys.map(({ reportType, range }) =>
				once(`${reportType}|${marketplaceIds.join(',')}|${range.start}|${range.end}`, async () => {
					const reportId = await requestReport(client, { reportType, marketplaceIds, dataStartTime: iso(range.start), dataEndTime: iso(range.end) });
					return { reportId, processing: { reportId, reportType, processingStatus: 'IN_QUEUE' } };
				}),
			);
			jobs = requested.map(async (job) => {
				const outcome = await job;
				return 'processing' in outcome ? await once(`id:${outcome.reportId}`, async () => await collect(client, outcome.reportId, deadline)) : outcome;
			});
		}
		const outcomes = await Promise.all(jobs);
		const seen = new Set<string>();
		const out: IDataObject[] = [];
		for (const outcome of outcomes) {
			if ('processing' in outcome) {
				out.push(processingItem(outcome.processing));
				continue;
			}
			for (const entry of outcome.returns) {
				// Parts of a range meet at one instant: a return dated there is in both.
				if (seen.has(entry.returnId) || out.length >= request.limit) continue;
				seen.add(entry.returnId);
				out.push({ ...(entry as unknown as IDataObject), reportId: outcome.reportId });
			}
		}
		runner.ok(itemIndex, out);
	});
}

/** Waits for a report until the deadline, then reads its returns. */
async function collect(client: SpApiClient, reportId: string, deadline: number): Promise<Outcome> {
	const { report, finished } = await waitForReport(client, reportId, { waitMs: Math.max(0, deadline - getClock().now()) });
	if (!finished) return { reportId, processing: report };
	if (report.processingStatus === 'CANCELLED') return { reportId, returns: [] }; // Amazon cancels a report with no data
	if (report.processingStatus === 'FATAL' || !report.reportDocumentId) {
		throw new SpApiError(`Amazon could not build returns report ${reportId} (${report.processingStatus})`, {
			code: 'ReportFatal',
			operation: 'getReport',
			hint: 'Try again later; a FATAL report usually means Amazon had a problem with this range or marketplace.',
		});
	}
	const text = await readReportDocument(client, report.reportDocumentId);
	const type = isReturnsType(report.reportType) ? report.reportType : undefined;
	return { reportId, returns: parseReport(reportId, 'Returns report', text, (document) => parseReturnsReport(document, type)) };
}

function processingItem(report: AmazonReport): IDataObject {
	return {
		status: 'processing',
		reportId: report.reportId,
		reportType: report.reportType,
		processingStatus: report.processingStatus,
		note: `Amazon is still building returns report ${report.reportId} (${report.processingStatus}). Collect it later with the option "Report IDs" instead of requesting a new one.`,
	};
}

async function marketplacesOf(client: SpApiClient): Promise<string[]> {
	const { body } = await client.call<ParticipationsResponse>('getMarketplaceParticipations');
	const ids = participating(body).map(({ marketplace }) => marketplace.id);
	if (ids.length === 0) throw new SpApiError('The account sells in no marketplace Amazon lists', { code: 'NoMarketplaces', operation: 'getMarketplaceParticipations' });
	return ids.slice(0, MAX_REPORT_MARKETPLACES);
}

function isReturnsType(type: string | undefined): type is ReturnsReportType {
	return type === MERCHANT_RETURNS_REPORT_TYPE || type === FBA_RETURNS_REPORT_TYPE;
}

function list(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
	return String(value)
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}
