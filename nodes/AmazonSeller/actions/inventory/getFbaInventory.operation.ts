import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InventoryBatch, SkuListRequest } from '../../rules/fbaInventory';
import { planInventoryBatches, readChangedSince, readSkuList, requestersOf } from '../../rules/fbaInventory';
import { isBlank, readMarketplace } from '../../rules/inputValues';
import { InputError } from '../../rules/inputError';
import type { ItemRunner } from '../itemRunner';
import { marketplaceField } from './fields';
import type { SpApiClient } from '../../transport';
import { getClock, getSpApiClient } from '../../transport';
import { returnAllFields } from '../fields';

const show = { resource: ['inventory'], operation: ['getFbaInventory'] };

export const description: INodeProperties[] = [
	marketplaceField('getFbaInventory', 'FBA stock is counted per marketplace (for EU pan-European FBA, per marketplace it can ship to)'),
	{
		displayName: 'SKUs',
		name: 'scope',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All', value: 'all', description: 'Every SKU with FBA stock in the marketplace, page by page' },
			{ name: 'Specific SKUs', value: 'skus', description: 'The SKUs the input items name, 50 per call' },
		],
		description: 'Applies to the whole run (it decides whether items are read one by one or together): the first item\'s value is used',
		displayOptions: { show },
	},
	{
		displayName: 'SKU List',
		name: 'skus',
		type: 'string',
		default: '={{ $json.sku }}',
		placeholder: 'e.g. MUG-01, LAMP-7',
		description: 'SKUs to read: comma-separated, or a list from an expression. The SKUs of all items are read together, 50 per call.',
		displayOptions: { show: { ...show, scope: ['skus'] } },
	},
	...returnAllFields({ ...show, scope: ['all'] }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Changed Since',
				name: 'changedSince',
				type: 'dateTime',
				default: '',
				description:
					'Only SKUs whose quantities changed after this time (at most 18 months back); inbound quantity changes are not counted. Only with SKUs: All.',
				displayOptions: { show: { '/scope': ['all'] } },
			},
			{
				displayName: 'Include Details',
				name: 'details',
				type: 'boolean',
				default: false,
				description: 'Whether to add fulfillable, inbound, reserved, researching and unfulfillable quantities to each SKU',
			},
		],
	},
];

interface Summary extends IDataObject {
	sellerSku?: string;
}

interface SummariesResponse {
	payload?: { inventorySummaries?: Summary[] };
	pagination?: { nextToken?: string };
}

/**
 * One output item per SKU summary, paired with the input item(s) that asked for it. SKUs (All or
 * Specific) is run-wide: it decides whether items are read one by one or batched together.
 */
export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const client = await getSpApiClient.call(this);
	const scope = this.getNodeParameter('scope', 0) as string;
	if (scope === 'skus') await readListedSkus(this, runner, client);
	else await readAllSkus(this, runner, client);
}

interface Query {
	marketplaceId: string;
	details: boolean;
	changedSince?: string;
}

function readQuery(ctx: IExecuteFunctions, client: SpApiClient, itemIndex: number, withChangedSince: boolean): Query {
	const marketplace = readMarketplace(ctx.getNodeParameter('marketplaceId', itemIndex), client.region);
	if (marketplace.error || !marketplace.value) throw new InputError('Marketplace', `Marketplace ${marketplace.error ?? 'is empty'}`);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const query: Query = { marketplaceId: marketplace.value, details: options.details === true };
	if (withChangedSince && !isBlank(options.changedSince)) {
		const since = readChangedSince(options.changedSince, getClock().now());
		if (since.error) throw new InputError('Changed Since', `Changed Since ${since.error}`);
		query.changedSince = since.value;
	}
	return query;
}

async function fetchPage(client: SpApiClient, query: Query, nextToken: string | undefined, skus?: { list: string[]; single: boolean }): Promise<SummariesResponse> {
	const { body } = await client.call<SummariesResponse>('getInventorySummaries', {
		query: {
			details: query.details,
			granularityType: 'Marketplace',
			granularityId: query.marketplaceId,
			marketplaceIds: [query.marketplaceId],
			startDateTime: query.changedSince,
			sellerSkus: skus && !skus.single ? skus.list : undefined,
			sellerSku: skus?.single ? skus.list[0] : undefined,
			nextToken,
		},
	});
	return body;
}

/** SKUs: All — every page (or up to the limit) for each input item. */
async function readAllSkus(ctx: IExecuteFunctions, runner: ItemRunner, client: SpApiClient): Promise<void> {
	const checked = runner.read((itemIndex) => {
		const query = readQuery(ctx, client, itemIndex, true);
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		return { query, limit: returnAll ? Infinity : (ctx.getNodeParameter('limit', itemIndex, 50) as number) };
	});
	await runner.each(checked, async ({ itemIndex, value: { query, limit } }) => {
		const summaries: IDataObject[] = [];
		let nextToken: string | undefined;
		do {
			const page = await fetchPage(client, query, nextToken);
			for (const summary of (page.payload?.inventorySummaries ?? []).slice(0, limit - summaries.length)) {
				summaries.push({ marketplaceId: query.marketplaceId, ...summary });
			}
			nextToken = page.pagination?.nextToken;
		} while (nextToken && summaries.length < limit);
		runner.ok(itemIndex, summaries);
	});
}

/** SKUs: Specific — the SKUs of all items together, deduplicated, 50 per call. */
async function readListedSkus(ctx: IExecuteFunctions, runner: ItemRunner, client: SpApiClient): Promise<void> {
	const checked = runner.read((itemIndex): SkuListRequest => {
		const query = readQuery(ctx, client, itemIndex, false);
		const list = readSkuList(ctx.getNodeParameter('skus', itemIndex));
		if (list.errors.length) throw new InputError('SKU List', `SKU List: ${list.errors.join('; ')}`);
		return { itemIndex, marketplaceId: query.marketplaceId, details: query.details, skus: list.skus };
	});

	const found: Array<{ json: IDataObject; items: number[] }> = [];
	const batches = planInventoryBatches(checked.map(({ value }) => value));
	await runner.eachBatch(
		batches,
		(batch) => [...new Set([...batch.requesters.values()].flat())],
		async (batch: InventoryBatch) => {
			let nextToken: string | undefined;
			do {
				const page = await fetchPage(client, batch, nextToken, { list: batch.skus, single: batch.single });
				for (const summary of page.payload?.inventorySummaries ?? []) {
					found.push({ json: { marketplaceId: batch.marketplaceId, ...summary }, items: requestersOf(batch, summary.sellerSku) });
				}
				nextToken = page.pagination?.nextToken;
			} while (nextToken);
		},
		{ concurrency: 2 }, // getInventorySummaries: 2 per second, burst 2
	);

	// An item with a failed batch reports its error only, not a partial list that an ERP would read
	// as "the other SKUs have no FBA stock"; a summary two items asked for is paired with both.
	for (const entry of found) {
		const paired = entry.items.filter((itemIndex) => !runner.failed(itemIndex));
		if (paired.length) runner.ok(paired[0], entry.json, { pairedWith: paired });
	}
	// Items whose SKUs Amazon has no FBA stock for still count as done.
	for (const { itemIndex } of checked) if (!runner.has(itemIndex)) runner.ok(itemIndex, []);
}
