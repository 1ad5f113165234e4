import type { Issue } from '../../amazon/processingReport';
import type { FbmQuantityRequest } from '../../rules/fbmQuantity';
import { fulfillmentAvailabilityPatch } from '../../rules/fbmQuantity';
import type { SpApiClient } from '../../transport';
import type { ItemRunner } from '../itemRunner';
import { amazonRejection, updatedJson } from './fbmResults';

export interface SendEntry {
	request: FbmQuantityRequest;
	productType: string;
}

interface PatchResponse {
	sku?: string;
	status?: 'ACCEPTED' | 'INVALID' | 'VALID';
	submissionId?: string;
	issues?: Array<Partial<Issue>>;
}

/** patchListingsItem allows burst 5: five in flight use the burst and then follow the 5/s rate. */
const PATCHES_IN_FLIGHT = 5;

/** One patchListingsItem per SKU; Amazon's synchronous answer becomes that item's result. */
export async function sendPatches(runner: ItemRunner, client: SpApiClient, sellerId: string, entries: SendEntry[]): Promise<void> {
	await runner.eachBatch(
		entries,
		({ request }) => [request.itemIndex],
		async ({ request, productType }) => {
			const { body } = await client.call<PatchResponse>('patchListingsItem', {
				path: { sellerId, sku: request.sku },
				query: { marketplaceIds: [request.marketplaceId], includedData: ['issues'] },
				body: { productType, patches: [fulfillmentAvailabilityPatch(request)] },
			});
			const issues: Issue[] = (body.issues ?? []).map((issue) => ({ ...issue, message: issue.message ?? 'No message', severity: issue.severity ?? 'ERROR' }));
			const errors = issues.filter((i) => i.severity === 'ERROR');
			if (body.status === 'ACCEPTED' && errors.length === 0) {
				runner.ok(request.itemIndex, updatedJson(request, productType, 'patch', { submissionId: body.submissionId, warnings: issues }));
			} else {
				const reported: Issue[] = errors.length ? errors : [{ message: `Amazon answered ${body.status ?? 'without a status'}`, severity: 'ERROR' }];
				throw amazonRejection(request, reported, { submissionId: body.submissionId });
			}
		},
		{ concurrency: PATCHES_IN_FLIGHT },
	);
}
