import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildTransactionSearch, type TransactionFilter, type TransactionQuery, type TransactionSearch } from '../../rules/financeQueries';
import { transactionItem } from '../../amazon/transactionSummary';
import { eventGroupOf, findSettlementById, getClock, getSpApiClient, type SpApiClient } from '../../transport';
import type { ItemRunner } from '../itemRunner';
import { returnAllFields } from '../fields';

/**
 * Finance → Get Transactions: Finances 2024-06-19 listTransactions (the current finances API; v0's
 * event lists are deprecated), one output item per transaction with an exact `flat` summary.
 * Amazon pages a posted range in windows and may answer a page with no transactions but a
 * nextToken: every page is read until the token is gone (or the limit is reached).
 */
const show = { resource: ['finance'], operation: ['getTransactions'] };
const showFilter = (filterBy: TransactionFilter) => ({ show: { ...show, filterBy: [filterBy] } });
/** listTransactions refills one call per 2 s after its burst of 10: a page never waits long. */
const PAGE_DEADLINE_MS = 120_000;

export const description: INodeProperties[] = [
	{
		displayName: 'Filter By',
		name: 'filterBy',
		type: 'options',
		options: [
			{ name: 'Financial Event Group ID', value: 'financialEventGroupId', description: "Transactions of one Finances v0 event group (a settlement period's group)" },
			{ name: 'Order ID', value: 'orderId', description: 'Every transaction of one order: sale, refunds, chargebacks' },
			{ name: 'Posted Date Range', value: 'postedRange', description: 'Transactions Amazon posted in a time range' },
			{ name: 'Settlement ID', value: 'settlementId', description: "Transactions paid out in one settlement (the settlement report's settlement-ID)" },
		],
		default: 'postedRange',
		displayOptions: { show },
	},
	{
		displayName: 'Posted After',
		name: 'postedAfter',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Transactions posted at or after this time (at least 2 minutes ago)',
		displayOptions: showFilter('postedRange'),
	},
	{
		displayName: 'Posted Before',
		name: 'postedBefore',
		type: 'dateTime',
		default: '',
		description:
			'Optional: transactions posted before this time. Amazon needs it at least 2 minutes before now; later values (e.g. now) are moved back to 2 minutes ago. Ranges over 180 days are read in 180-day parts.',
		displayOptions: showFilter('postedRange'),
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 902-1106328-1059050',
		description: 'The Amazon order',
		displayOptions: showFilter('orderId'),
	},
	{
		displayName: 'Settlement ID',
		name: 'settlementId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12345678901',
		description:
			"The settlement-ID of Amazon's settlement report (Get Settlement's settlementId). Amazon filters transactions only by event group, so the settlement is found first (getReports, last 90 days) and its event group looked up (listFinancialEventGroups).",
		displayOptions: showFilter('settlementId'),
	},
	{
		displayName: 'Financial Event Group ID',
		name: 'financialEventGroupId',
		type: 'string',
		required: true,
		default: '',
		description: 'A Finances v0 FinancialEventGroupId',
		displayOptions: showFilter('financialEventGroupId'),
	},
	...returnAllFields(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Marketplace Name or ID',
				name: 'marketplaceId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getMarketplaces' },
				default: '',
				description:
					'Only transactions of this marketplace. Amazon leaves out US merchant-fulfilled orders when amazon.com is chosen: leave it empty for those. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Transaction Status',
				name: 'transactionStatus',
				type: 'options',
				options: [
					{ name: 'Deferred', value: 'DEFERRED', description: 'Posted but held back: not in any payout yet' },
					{ name: 'Deferred Released', value: 'DEFERRED_RELEASED', description: 'Held back earlier, now released into a settlement' },
					{ name: 'Released', value: 'RELEASED' },
				],
				default: 'RELEASED',
			},
		],
	},
];

interface Request {
	search: TransactionSearch;
	limit: number;
}

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const now = getClock().now();
	const checked = runner.read(
		(itemIndex): Request => {
			const filterBy = this.getNodeParameter('filterBy', itemIndex, 'postedRange') as TransactionFilter;
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const search = buildTransactionSearch(
				{
					filterBy,
					postedAfter: filterBy === 'postedRange' ? this.getNodeParameter('postedAfter', itemIndex, '') : undefined,
					postedBefore: filterBy === 'postedRange' ? this.getNodeParameter('postedBefore', itemIndex, '') : undefined,
					orderId: filterBy === 'orderId' ? this.getNodeParameter('orderId', itemIndex, '') : undefined,
					settlementId: filterBy === 'settlementId' ? this.getNodeParameter('settlementId', itemIndex, '') : undefined,
					financialEventGroupId: filterBy === 'financialEventGroupId' ? this.getNodeParameter('financialEventGroupId', itemIndex, '') : undefined,
					marketplaceId: filters.marketplaceId,
					transactionStatus: filters.transactionStatus,
					timezone: this.getTimezone(),
				},
				now,
			);
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			return { search, limit: returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number) };
		},
		{ subject: ({ search }) => search.subject },
	);
	if (checked.length === 0) return;

	const client = await getSpApiClient.call(this);
	await runner.each(checked, async ({ itemIndex, value: { search, limit } }) => {
		const queries = search.settlementId ? await settlementQueries(client, search) : search.queries;
		runner.ok(itemIndex, await pageThrough(client, queries, limit, search.settlementId));
	});
}

/** Amazon lists a settlement's transactions by its event group only: find the group first. */
async function settlementQueries(client: SpApiClient, search: TransactionSearch): Promise<TransactionQuery[]> {
	const { settlement } = await findSettlementById(client, search.settlementId!, {}, { summaryOnly: true });
	const group = await eventGroupOf(client, settlement.summary);
	return search.queries.map((query) => ({ ...query, relatedIdentifierValue: group.financialEventGroupId }));
}

/** Every page of every query (nextToken with the same arguments), up to `limit` transactions. */
export async function pageThrough(client: SpApiClient, queries: TransactionQuery[], limit: number, settlementId?: string): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (const query of queries) {
		let nextToken: string | undefined;
		do {
			const { body } = await client.call<{ payload?: { transactions?: IDataObject[]; nextToken?: string } }>(
				'listTransactions',
				{ query: nextToken ? { ...query, nextToken } : query },
				{ deadlineMs: PAGE_DEADLINE_MS },
			);
			for (const transaction of body.payload?.transactions ?? []) {
				// A group holds one settlement; a transaction naming another one does not belong to it.
				if (settlementId && settlementOf(transaction) !== undefined && settlementOf(transaction) !== settlementId) continue;
				out.push(transactionItem(transaction, `transactions[${out.length}]`) as IDataObject);
				if (out.length >= limit) return out;
			}
			nextToken = body.payload?.nextToken || undefined;
		} while (nextToken);
	}
	return out;
}

function settlementOf(transaction: IDataObject): string | undefined {
	const related = transaction.relatedIdentifiers;
	if (!Array.isArray(related)) return undefined;
	const entry = related.find((r) => (r as IDataObject)?.relatedIdentifierName === 'SETTLEMENT_ID') as IDataObject | undefined;
	return typeof entry?.relatedIdentifierValue === 'string' ? entry.relatedIdentifierValue : undefined;
}
