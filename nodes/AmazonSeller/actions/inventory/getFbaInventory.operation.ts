import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { InventoryBatch, SkuListRequest } from '../../mapping/fbaInventory';
import { planInventoryBatches, readChangedSince, readSkuList, requestersOf } from '../../mapping/fbaInventory';
import { isBlank, readMarketplace } from '../../mapping/inputValues';
import type { SpApiClient } from '../../transport';
import { getSpApiClient, toNodeError } from '../../transport';
import { getClock } from '../../transport/clock';
import { errorItem } from '../processItems';
import { affectsEveryRequest, runPool } from './batchRunner';
import { marketplaceField } from './fields';

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
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { ...show, scope: ['all'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, scope: ['all'], returnAll: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
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

/** One output item per SKU summary, paired with the input item(s) that asked for it. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = await getSpApiClient.call(this);
	const scope = this.getNodeParameter('scope', 0) as string;
	return scope === 'skus' ? await readListedSkus(this, client, items.length) : await readAllSkus(this, client, items.length);
}

interface Query {
	marketplaceId: string;
	details: boolean;
	changedSince?: string;
}

function readQuery(ctx: IExecuteFunctions, client: SpApiClient, itemIndex: number, withChangedSince: boolean): Query {
	const fail = (field: string, message: string) => new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${field} ${message}`, { itemIndex });
	const marketplace = readMarketplace(ctx.getNodeParameter('marketplaceId', itemIndex), client.region);
	if (marketplace.error || !marketplace.value) throw fail('Marketplace', marketplace.error ?? 'is empty');
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const query: Query = { marketplaceId: marketplace.value, details: options.details === true };
	if (withChangedSince && !isBlank(options.changedSince)) {
		const since = readChangedSince(options.changedSince, getClock().now());
		if (since.error) throw fail('Changed Since', since.error);
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
async function readAllSkus(ctx: IExecuteFunctions, client: SpApiClient, itemCount: number): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const query = readQuery(ctx, client, itemIndex, true);
			const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const limit = returnAll ? Infinity : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
			let nextToken: string | undefined;
			let count = 0;
			do {
				const page = await fetchPage(client, query, nextToken);
				for (const summary of (page.payload?.inventorySummaries ?? []).slice(0, limit - count)) {
					out.push({ json: { marketplaceId: query.marketplaceId, ...summary }, pairedItem: { item: itemIndex } });
					count++;
				}
				nextToken = page.pagination?.nextToken;
			} while (nextToken && count < limit);
		} catch (error) {
			const nodeError = toNodeError(ctx.getNode(), error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			out.push(errorItem(nodeError, itemIndex));
		}
	}
	return out;
}

/** SKUs: Specific — the SKUs of all items together, deduplicated, 50 per call. */
async function readListedSkus(ctx: IExecuteFunctions, client: SpApiClient, itemCount: number): Promise<INodeExecutionData[]> {
	const failed = new Map<number, Error>();
	const requests: SkuListRequest[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const query = readQuery(ctx, client, itemIndex, false);
			const list = readSkuList(ctx.getNodeParameter('skus', itemIndex));
			if (list.errors.length) throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: SKU List: ${list.errors.join('; ')}`, { itemIndex });
			requests.push({ itemIndex, marketplaceId: query.marketplaceId, details: query.details, skus: list.skus });
		} catch (error) {
			// Every item is checked before any call: without "Continue On Fail" one bad item stops the run here.
			const nodeError = toNodeError(ctx.getNode(), error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			failed.set(itemIndex, nodeError);
		}
	}

	const found: Array<{ json: IDataObject; items: number[] }> = [];
	let fatal: unknown;
	await runPool(
		planInventoryBatches(requests),
		2, // getInventorySummaries: 2 per second, burst 2
		async (batch: InventoryBatch) => {
			try {
				let nextToken: string | undefined;
				do {
					const page = await fetchPage(client, batch, nextToken, { list: batch.skus, single: batch.single });
					for (const summary of page.payload?.inventorySummaries ?? []) {
						found.push({ json: { marketplaceId: batch.marketplaceId, ...summary }, items: requestersOf(batch, summary.sellerSku) });
					}
					nextToken = page.pagination?.nextToken;
				} while (nextToken);
			} catch (error) {
				failBatch(ctx, batch, error, failed);
				if (affectsEveryRequest(error)) fatal = error;
			}
		},
		{ stop: () => fatal, skipped: (batch, reason) => failBatch(ctx, batch, reason, failed) },
	);

	// Items in input order; an item with a failed batch gets its error only, not a partial list
	// that an ERP would read as "the other SKUs have no FBA stock".
	const byFirstItem = new Map<number, INodeExecutionData[]>();
	for (const entry of found) {
		const paired = entry.items.filter((i) => !failed.has(i));
		if (!paired.length) continue;
		const output = { json: entry.json, pairedItem: paired.length === 1 ? { item: paired[0] } : paired.map((item) => ({ item })) };
		const list = byFirstItem.get(paired[0]);
		if (list) list.push(output);
		else byFirstItem.set(paired[0], [output]);
	}
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const error = failed.get(itemIndex);
		if (error && !ctx.continueOnFail()) throw error;
		if (error) out.push(errorItem(error, itemIndex));
		else out.push(...(byFirstItem.get(itemIndex) ?? []));
	}
	return out;
}

function failBatch(ctx: IExecuteFunctions, batch: InventoryBatch, error: unknown, failed: Map<number, Error>): void {
	for (const itemIndex of new Set([...batch.requesters.values()].flat())) {
		if (!failed.has(itemIndex)) failed.set(itemIndex, toNodeError(ctx.getNode(), error, itemIndex));
	}
}
