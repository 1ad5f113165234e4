import type { IDataObject } from 'n8n-workflow';

import type { FbmQuantityRequest } from '../../rules/fbmQuantity';
import type { Issue } from '../../amazon/processingReport';
import { describeIssues } from '../../amazon/processingReport';
import { InputError } from '../../rules/inputError';
import { SpApiError } from '../../transport';

/** What one SKU's output item says, whichever way its quantity went. */
export function baseJson(request: FbmQuantityRequest): IDataObject {
	const json: IDataObject = { sku: request.sku, marketplaceId: request.marketplaceId, quantity: request.quantity };
	if (request.handlingTimeDays !== undefined) json.handlingTimeDays = request.handlingTimeDays;
	if (request.restockDate !== undefined) json.restockDate = request.restockDate;
	return json;
}

export function updatedJson(
	request: FbmQuantityRequest,
	productType: string,
	via: 'patch' | 'feed',
	extra: { submissionId?: string; feedId?: string; warnings?: Issue[] },
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

/**
 * Amazon refused this SKU's quantity (patch INVALID, or ERROR issues for its feed message). A
 * 400-class error: it concerns this SKU only, so the other items go on.
 */
export function amazonRejection(request: FbmQuantityRequest, issues: Issue[], where: { submissionId?: string; feedId?: string }): SpApiError {
	// The first issue's code goes in the error's code; every issue (with its code) in the details.
	const place = where.feedId ? `Feed ${where.feedId}, processing report of this SKU's message` : where.submissionId ? `Submission ${where.submissionId}` : '';
	return new SpApiError(`rejected the quantity for ${request.marketplaceId}: ${issues.map((issue) => issue.message ?? 'No message').join('; ')}`, {
		code: issues.find((i) => i.code)?.code ?? 'InvalidInput',
		statusCode: 400,
		details: [place, issues.length > 1 ? describeIssues(issues) : ''].filter(Boolean).join(': ') || undefined,
	});
}

/** No product type to send: the SKU has no listing there, or Amazon did not say its type. Nothing was sent for it. */
export function lookupMissing(request: FbmQuantityRequest, listingFound: boolean): InputError {
	const fix = 'or give its product type under Options → Product Type.';
	if (listingFound) {
		return new InputError('Product Type', `Amazon returned the listing in ${request.marketplaceId} without a product type, which the update needs`, {
			hint: `searchListingsItems found the listing but no product type in its summaries; ${fix}`,
		});
	}
	return new InputError('SKU', `this SKU has no listing in ${request.marketplaceId}, so it has no product type to send with its quantity`, {
		hint: `Amazon found no listing for this SKU in this marketplace (searchListingsItems). Check the SKU and marketplace, create the offer first, ${fix}`,
	});
}
