import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FbmQuantityRequest } from '../../mapping/fbmQuantity';
import type { ReportIssue } from '../../mapping/listingsFeed';
import { describeIssues } from '../../mapping/listingsFeed';
import { scrubSecrets } from '../../transport/secrets';
import { toNodeError } from '../../transport';

/** What one SKU's output item says, whichever way its quantity went. */
function baseJson(request: FbmQuantityRequest): IDataObject {
	const json: IDataObject = { sku: request.sku, marketplaceId: request.marketplaceId, quantity: request.quantity };
	if (request.handlingTimeDays !== undefined) json.handlingTimeDays = request.handlingTimeDays;
	if (request.restockDate !== undefined) json.restockDate = request.restockDate;
	return json;
}

export function updatedJson(
	request: FbmQuantityRequest,
	productType: string,
	via: 'patch' | 'feed',
	extra: { submissionId?: string; feedId?: string; warnings?: ReportIssue[] },
): IDataObject {
	const json: IDataObject = { ...baseJson(request), status: 'updated', via, productType };
	if (extra.submissionId) json.submissionId = extra.submissionId;
	if (extra.feedId) json.feedId = extra.feedId;
	if (extra.warnings?.length) json.warnings = extra.warnings.map((w) => ({ ...w }) as IDataObject);
	return json;
}

export function skippedAmazonFulfilledJson(request: FbmQuantityRequest, channels: string[]): IDataObject {
	return {
		...baseJson(request),
		status: 'skipped',
		reason: 'amazonFulfilled',
		fulfillmentChannels: channels,
		warning:
			`SKU "${request.sku}" is fulfilled by Amazon (${channels.join(', ')}) in ${request.marketplaceId}: Amazon's stock is its own, ` +
			'so no merchant quantity was sent. A merchant quantity would make Amazon sell this offer as merchant-fulfilled. ' +
			'Turn on "Allow Amazon-Fulfilled Offers" only if you really sell it from your own stock too.',
	};
}

export function skippedDuplicateJson(request: FbmQuantityRequest, byItemIndex: number): IDataObject {
	return {
		...baseJson(request),
		status: 'skipped',
		reason: 'duplicate',
		supersededByItem: byItemIndex,
		warning: `SKU "${request.sku}" appears again in item ${byItemIndex} for ${request.marketplaceId}; that later quantity was sent instead ("Duplicate SKUs": Last Item Wins).`,
	};
}

/** Amazon refused this SKU's quantity (patch INVALID, or ERROR issues for its feed message). */
export function amazonRejection(
	node: INode,
	request: FbmQuantityRequest,
	issues: ReportIssue[],
	where: { submissionId?: string; feedId?: string },
): NodeApiError {
	const text = describeIssues(issues);
	const response: JsonObject = {
		sku: request.sku,
		marketplaceId: request.marketplaceId,
		issues: issues.map((i) => ({ ...i })) as unknown as JsonObject[],
		...(where.submissionId ? { submissionId: where.submissionId } : {}),
		...(where.feedId ? { feedId: where.feedId } : {}),
	};
	const error = new NodeApiError(node, response, {
		message: scrubSecrets(`Amazon rejected the quantity for SKU "${request.sku}" in ${request.marketplaceId}: ${text}`),
		description: where.feedId ? `Feed ${where.feedId}, processing report of this SKU's message.` : undefined,
		itemIndex: request.itemIndex,
	});
	const code = issues.find((i) => i.code)?.code;
	if (code) error.context.amazonErrorCode = code;
	return error;
}

/** A call failed for this SKU (or its batch): Amazon's error, on this item. */
export function callFailure(node: INode, request: FbmQuantityRequest, error: unknown): NodeApiError | NodeOperationError {
	return toNodeError(node, error, request.itemIndex);
}

/** The SKU was never sent because an earlier call showed no further call could succeed. */
export function notSent(node: INode, request: FbmQuantityRequest, reason: unknown): NodeOperationError {
	const cause = toNodeError(node, reason);
	return new NodeOperationError(node, `Not sent: an earlier call to Amazon failed, so the run stopped (${cause.message})`, {
		itemIndex: request.itemIndex,
		description: cause.description ?? undefined,
	});
}

/** No product type to send: the SKU has no listing there, or Amazon did not say its type. */
export function lookupMissing(node: INode, request: FbmQuantityRequest, listingFound: boolean): NodeOperationError {
	const fix = 'or give its product type under Options → Product Type.';
	if (listingFound) {
		return new NodeOperationError(node, `Amazon returned the listing of SKU "${request.sku}" in ${request.marketplaceId} without a product type, which the update needs`, {
			itemIndex: request.itemIndex,
			description: `searchListingsItems found the listing but no product type in its summaries; ${fix}`,
		});
	}
	return new NodeOperationError(node, `SKU "${request.sku}" has no listing in ${request.marketplaceId}, so it has no product type to send with its quantity`, {
		itemIndex: request.itemIndex,
		description: `Amazon found no listing for this SKU in this marketplace (searchListingsItems). Check the SKU and marketplace, create the offer first, ${fix}`,
	});
}
