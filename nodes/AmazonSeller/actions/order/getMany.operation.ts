import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AmazonOrder } from '../../amazon/orders';
import type { ItemRunner } from '../itemRunner';
import { includedDataField, optionsCollection } from './fields';
import type { DateFilter, SearchQuery } from '../../rules/searchQuery';
import { buildSearchQuery } from '../../rules/searchQuery';
import { getClock, getSpApiClient } from '../../transport';
import { returnAllFields } from '../fields';

const show = { resource: ['order'], operation: ['getMany'] };
const PAGE_SIZE = 100;
/** searchOrders refills one call per 180 s after its burst of 20: a page may wait that long. */
const PAGE_DEADLINE_MS = 240_000;

const dateField = (displayName: string, name: string, dateFilter: DateFilter, required: boolean, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	required,
	default: '',
	description,
	displayOptions: { show: { ...show, dateFilter: [dateFilter] } },
});

const BEFORE_NOTE = 'Optional. Amazon needs it at least 2 minutes before now; later values (e.g. now) are moved back to 2 minutes ago.';

export const description: INodeProperties[] = [
	{
		displayName: 'Filter By Date',
		name: 'dateFilter',
		type: 'options',
		options: [
			{ name: 'Created', value: 'created', description: 'Orders placed in the time range' },
			{ name: 'Last Updated', value: 'lastUpdated', description: 'Orders changed in the time range (status, shipment, cancellation…)' },
		],
		default: 'created',
		description: 'Amazon searches by exactly one kind of date',
		displayOptions: { show },
	},
	dateField('Created After', 'createdAfter', 'created', true, 'Orders placed at or after this time'),
	dateField('Created Before', 'createdBefore', 'created', false, `Orders placed at or before this time. ${BEFORE_NOTE}`),
	dateField('Last Updated After', 'lastUpdatedAfter', 'lastUpdated', true, 'Orders changed at or after this time'),
	dateField('Last Updated Before', 'lastUpdatedBefore', 'lastUpdated', false, `Orders changed at or before this time. ${BEFORE_NOTE}`),
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
				displayName: 'Fulfilled By',
				name: 'fulfilledBy',
				type: 'multiOptions',
				options: [
					{ name: 'Amazon (FBA)', value: 'AMAZON' },
					{ name: 'Merchant (FBM)', value: 'MERCHANT' },
				],
				default: [],
			},
			{
				displayName: 'Fulfillment Statuses',
				name: 'fulfillmentStatuses',
				type: 'multiOptions',
				options: [
					{ name: 'Cancelled', value: 'CANCELLED' },
					{ name: 'Partially Shipped', value: 'PARTIALLY_SHIPPED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Pending Availability', value: 'PENDING_AVAILABILITY', description: 'Pre-orders not yet payable' },
					{ name: 'Shipped', value: 'SHIPPED' },
					{ name: 'Unfulfillable', value: 'UNFULFILLABLE' },
					{ name: 'Unshipped', value: 'UNSHIPPED' },
				],
				default: [],
			},
			{
				displayName: 'Marketplace Names or IDs',
				name: 'marketplaceIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getMarketplaces' },
				default: [],
				description:
					'Only orders from these marketplaces (at most 50). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	optionsCollection(show, [includedDataField([], 'Extra data sets to include with each order and its items')]),
];

interface Search {
	query: SearchQuery;
	limit: number;
}

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const now = getClock().now();
	const checked = runner.read((itemIndex): Search => {
		const dateFilter = this.getNodeParameter('dateFilter', itemIndex, 'created') as DateFilter;
		const prefix = dateFilter === 'lastUpdated' ? 'lastUpdated' : 'created';
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const query = buildSearchQuery(
			{
				dateFilter,
				after: this.getNodeParameter(`${prefix}After`, itemIndex, ''),
				before: this.getNodeParameter(`${prefix}Before`, itemIndex, ''),
				fulfilledBy: filters.fulfilledBy as string[] | undefined,
				fulfillmentStatuses: filters.fulfillmentStatuses as string[] | undefined,
				marketplaceIds: asList(filters.marketplaceIds),
				includedData: this.getNodeParameter('options.includedData', itemIndex, []) as string[],
				timezone: this.getTimezone(),
			},
			now,
		);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		return { query, limit };
	});
	if (checked.length === 0) return;

	const client = await getSpApiClient.call(this);
	await runner.each(checked, async ({ itemIndex, value: { query, limit } }) => {
		const orders: AmazonOrder[] = [];
		let paginationToken: string | undefined;
		do {
			// Amazon wants the same parameters on every page; only the page size may change.
			const pageQuery = { ...query, maxResultsPerPage: Math.min(PAGE_SIZE, limit - orders.length), paginationToken };
			const { body } = await client.call<{ orders?: AmazonOrder[]; pagination?: { nextToken?: string } }>(
				'searchOrders',
				{ query: pageQuery },
				{ deadlineMs: PAGE_DEADLINE_MS },
			);
			orders.push(...(body.orders ?? []));
			paginationToken = body.pagination?.nextToken;
		} while (paginationToken && orders.length < limit);
		runner.ok(itemIndex, orders.slice(0, limit) as unknown as IDataObject[]);
	});
}

/** Marketplace ids from the picker (a list) or an expression (a list or comma-separated text). */
function asList(value: unknown): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (Array.isArray(value)) return value.map((v) => String(v).trim());
	return String(value)
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}
