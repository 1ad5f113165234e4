import type { INode } from 'n8n-workflow';

import type { FbmQuantityRequest } from '../../mapping/fbmQuantity';
import { fulfillmentAvailabilityPatch } from '../../mapping/fbmQuantity';
import type { ReportIssue } from '../../mapping/listingsFeed';
import type { SpApiClient } from '../../transport';
import { affectsEveryRequest, runPool } from './batchRunner';
import { amazonRejection, callFailure, notSent, updatedJson } from './fbmResults';
import type { ItemOutcomes } from './outcomes';

export interface SendEntry {
	request: FbmQuantityRequest;
	productType: string;
}

interface PatchResponse {
	sku?: string;
	status?: 'ACCEPTED' | 'INVALID' | 'VALID';
	submissionId?: string;
	issues?: ReportIssue[];
}

/** patchListingsItem allows burst 5: five in flight use the burst and then follow the 5/s rate. */
const PATCHES_IN_FLIGHT = 5;

/** One patchListingsItem per SKU; Amazon's synchronous answer becomes that item's result. */
export async function sendPatches(node: INode, client: SpApiClient, sellerId: string, entries: SendEntry[], outcomes: ItemOutcomes): Promise<void> {
	let fatal: unknown;
	await runPool(
		entries,
		PATCHES_IN_FLIGHT,
		async ({ request, productType }) => {
			try {
				const { body } = await client.call<PatchResponse>('patchListingsItem', {
					path: { sellerId, sku: request.sku },
					query: { marketplaceIds: [request.marketplaceId], includedData: ['issues'] },
					body: { productType, patches: [fulfillmentAvailabilityPatch(request)] },
				});
				const issues = body.issues ?? [];
				const errors = issues.filter((i) => (i.severity ?? 'ERROR') === 'ERROR');
				if (body.status === 'ACCEPTED' && errors.length === 0) {
					outcomes.ok(request.itemIndex, updatedJson(request, productType, 'patch', { submissionId: body.submissionId, warnings: issues }));
				} else {
					const reported = errors.length ? errors : [{ message: `Amazon answered ${body.status ?? 'without a status'}` }];
					outcomes.fail(request.itemIndex, amazonRejection(node, request, reported, { submissionId: body.submissionId }));
				}
			} catch (error) {
				outcomes.fail(request.itemIndex, callFailure(node, request, error));
				if (affectsEveryRequest(error)) fatal = error;
			}
		},
		{ stop: () => fatal, skipped: ({ request }, reason) => outcomes.fail(request.itemIndex, notSent(node, request, reason)) },
	);
}
