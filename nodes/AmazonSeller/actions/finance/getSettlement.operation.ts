import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { formatMinor, moneyFormat } from '../../amazon/money';
import { summarizeSettlement, type SettlementReport } from '../../amazon/settlementReport';
import { InputError } from '../../rules/inputError';
import { readCurrency, readSettlementId } from '../../rules/financeQueries';
import { readMarketplaceId } from '../../rules/orderFields';
import {
	findLatestSettlement,
	findLatestSettlements,
	findSettlementById,
	getSpApiClient,
	type AmazonReport,
	type FoundSettlement,
	type SettlementFilter,
} from '../../transport';
import type { ItemRunner } from '../itemRunner';

/**
 * Finance → Get Settlement: a closed settlement period (one payout, one currency) read from the
 * settlement report Amazon generated when it closed: found with getReports, downloaded, read
 * exactly (parseSettlementReport: locale dates and decimals, minor units, rows checked against
 * the deposit). The same calls for a 10-line or a 100,000-line settlement.
 */
const show = { resource: ['finance'], operation: ['getSettlement'] };
/** getReports takes at most 10 marketplaces. */
const MAX_MARKETPLACES = 10;

export const description: INodeProperties[] = [
	{
		displayName: 'Settlement',
		name: 'settlement',
		type: 'options',
		options: [
			{ name: 'Latest Closed', value: 'latest', description: 'The newest settlement Amazon has closed (optionally of one currency or marketplace)' },
			{
				name: 'Latest Closed of Each Currency',
				value: 'latestPerCurrency',
				description: 'The newest closed settlement of every currency the account is paid in (USD, CAD, MXN… settle apart): what a daily schedule needs',
			},
			{ name: 'By Settlement ID', value: 'byId', description: "A closed settlement by its settlement-ID (Amazon lists settlement reports for 90 days)" },
		],
		default: 'latest',
		displayOptions: { show },
	},
	{
		displayName: 'Settlement ID',
		name: 'settlementId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12345678901',
		description: "The settlement-ID of Amazon's settlement report (also shown in Seller Central's payment reports)",
		displayOptions: { show: { ...show, settlement: ['byId'] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'Summary and Lines', value: 'summary', description: 'One item: the summary, totals, reconciliation and every line (what Map Payout to Journal Entry reads)' },
			{ name: 'One Item per Line', value: 'lines', description: 'One item per settlement line, each with the settlement ID and currency' },
		],
		default: 'summary',
		displayOptions: { show },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'string',
				default: '',
				placeholder: 'e.g. EUR',
				description: 'Only a settlement in this currency (an account is paid out per currency: USD, CAD, MXN…)',
			},
			{
				displayName: 'Marketplace Names or IDs',
				name: 'marketplaceIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getMarketplaces' },
				default: [],
				description:
					'Only settlements of these marketplaces (at most 10). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

type Mode = 'latest' | 'latestPerCurrency' | 'byId';
const MODES: Mode[] = ['latest', 'latestPerCurrency', 'byId'];

interface Request {
	mode: Mode;
	settlementId?: string;
	filter: SettlementFilter;
	output: 'summary' | 'lines';
}

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const checked = runner.read(
		(itemIndex): Request => {
			const mode = this.getNodeParameter('settlement', itemIndex, 'latest') as Mode;
			if (!MODES.includes(mode)) throw new InputError('Settlement', `Settlement "${String(mode)}" is not one of ${MODES.join(', ')}`);
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const marketplaceIds = asList(filters.marketplaceIds).map((id) => readMarketplaceId(id)!);
			if (marketplaceIds.length > MAX_MARKETPLACES) {
				throw new InputError('Marketplaces', `Marketplaces lists ${marketplaceIds.length} ids; Amazon's report search takes at most ${MAX_MARKETPLACES}`);
			}
			const output = this.getNodeParameter('output', itemIndex, 'summary') as Request['output'];
			return {
				mode,
				settlementId: mode === 'byId' ? readSettlementId(this.getNodeParameter('settlementId', itemIndex, '')) : undefined,
				filter: { currency: readCurrency(filters.currency), marketplaceIds: marketplaceIds.length ? marketplaceIds : undefined },
				output: output === 'lines' ? 'lines' : 'summary',
			};
		},
		{ subject: (request) => (request.settlementId ? `settlement ${request.settlementId}` : undefined) },
	);
	if (checked.length === 0) return;

	const client = await getSpApiClient.call(this);
	await runner.each(checked, async ({ itemIndex, value: request }) => {
		let found: FoundSettlement[];
		if (request.mode === 'byId') found = [await findSettlementById(client, request.settlementId!, request.filter)];
		else if (request.mode === 'latest') found = [await findLatestSettlement(client, request.filter)];
		else found = await findLatestSettlements(client, request.filter);
		if (found.length === 1) runner.about(itemIndex, `settlement ${found[0].settlement.summary.settlementId}`);
		runner.ok(
			itemIndex,
			found.flatMap(({ settlement, report }) => (request.output === 'lines' ? lineItems(settlement) : [summaryItem(settlement, report)])),
		);
	});
}

/**
 * Summary and Lines: `summary` and `lines` are the reader's (amounts in integer minor units of the
 * currency, `summary.exponent` decimals) so that Map Payout to Journal Entry reads them back
 * exactly; `deposit`, `totals` and `reconciliation` are decimal strings with the currency.
 */
export function summaryItem(settlement: SettlementReport, report: AmazonReport): IDataObject {
	const totals = summarizeSettlement(settlement);
	const format = moneyFormat(settlement.summary.currency, settlement.summary.exponent);
	const byKey = (sums: Record<string, number>) => Object.fromEntries(Object.entries(sums).map(([key, minor]) => [key, format.money(minor)]));
	return {
		settlementId: settlement.summary.settlementId,
		currency: settlement.summary.currency,
		deposit: format.money(settlement.summary.totalAmount),
		period: { start: settlement.summary.start, end: settlement.summary.end },
		depositDate: settlement.summary.depositDate,
		report: { reportId: report.reportId, reportDocumentId: report.reportDocumentId ?? null, createdTime: report.createdTime ?? null, marketplaceIds: report.marketplaceIds ?? [] },
		summary: settlement.summary as unknown as IDataObject,
		totals: {
			byTransactionType: byKey(totals.byTransactionType),
			byAmountType: byKey(totals.byAmountType),
			orders: totals.orders,
			lines: totals.lines,
		},
		reconciliation: {
			ok: settlement.reconciliation.ok,
			linesTotal: format.money(settlement.reconciliation.linesTotal),
			totalAmount: format.money(settlement.reconciliation.totalAmount),
			difference: format.money(settlement.reconciliation.difference),
		},
		lines: settlement.lines as unknown as IDataObject[],
	};
}

/** One Item per Line: each line with its settlement, the amount as a decimal string (and in minor units). */
export function lineItems(settlement: SettlementReport): IDataObject[] {
	const { settlementId, currency, exponent } = settlement.summary;
	return settlement.lines.map((line) => ({
		settlementId,
		currency,
		...(line as unknown as IDataObject),
		amount: formatMinor(line.amount, exponent),
		amountMinor: line.amount,
	}));
}

function asList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
	return String(value)
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}
