import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../rules/inputError';
import { collectFeed, getSpApiClient } from '../../transport';
import { reportFeedResults } from '../feedResults';
import type { ItemRunner } from '../itemRunner';

const show = { resource: ['feed'], operation: ['getResults'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Feed in the items Cancel or Update FBM Quantity returned as "processing" or "unknown" (they carry feedId and messageId): each gets its own result once Amazon has processed the feed.',
		name: 'getResultsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Feed ID',
		name: 'feedId',
		type: 'string',
		required: true,
		default: '={{ $json.feedId }}',
		description: 'The feed the item was sent in',
		displayOptions: { show },
	},
	{
		displayName: 'Message ID',
		name: 'messageId',
		// Text, not a number field: it comes from each item, so the default is an expression.
		type: 'string',
		required: true,
		default: '={{ $json.messageId }}',
		description: "The item's message in the feed",
		displayOptions: { show },
	},
	{
		displayName: 'Wait Timeout (Minutes)',
		name: 'waitMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 5,
		description: 'How long to wait for Amazon to finish a feed that is still processing (0: answer at once). Applies to the whole run: the first item\'s value is used.',
		displayOptions: { show },
	},
];

/** Feed → Get Results: the per-message results of feeds an earlier run left unfinished. */
export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const checked = runner.read((itemIndex) => {
		const feedId = String(this.getNodeParameter('feedId', itemIndex, '') ?? '').trim();
		if (!/^\d+$/.test(feedId)) throw new InputError('Feed ID', feedId ? `Feed ID "${feedId}" is not an Amazon feed id (digits)` : 'Feed ID is empty');
		const messageId = Number(this.getNodeParameter('messageId', itemIndex, ''));
		if (!Number.isSafeInteger(messageId) || messageId < 1) {
			throw new InputError('Message ID', `Message ID must be a whole number of 1 or more, not ${String(this.getNodeParameter('messageId', itemIndex, ''))}`);
		}
		return { feedId, messageId, base: identity(runner.items[itemIndex].json) };
	});
	if (!checked.length) return;
	const waitMs = (this.getNodeParameter('waitMinutes', 0, 5) as number) * 60_000;
	const client = await getSpApiClient.call(this);
	const feeds = new Map<string, typeof checked>();
	for (const entry of checked) feeds.set(entry.value.feedId, [...(feeds.get(entry.value.feedId) ?? []), entry]);
	await runner.eachBatch(
		[...feeds],
		([, entries]) => entries.map((entry) => entry.itemIndex),
		async ([feedId, entries]) => {
			const run = await collectFeed(client, feedId, [...new Set(entries.map((entry) => entry.value.messageId))], { waitMs });
			reportFeedResults(
				runner,
				run,
				entries.map(({ itemIndex, value }) => ({ itemIndex, messageId: value.messageId, base: value.base })),
				(entry) => ({ ...entry.base, status: 'accepted' }),
			);
		},
	);
}

/** What the earlier result said the item was about, kept on its new result. */
function identity(json: IDataObject): IDataObject {
	const kept: IDataObject = {};
	for (const key of ['orderId', 'sku', 'marketplaceId', 'quantity']) if (json[key] !== undefined) kept[key] = json[key];
	return kept;
}
