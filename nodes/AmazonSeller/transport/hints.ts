/**
 * The advice users see next to an Amazon error: what to check or change. Amazon's status and
 * code (or the transport's own failure) in, one plain sentence out. Pure, no I/O.
 */
import type { SpApiEnvironment, SpApiRegion } from './credentials';

export function regionName(region: string): string {
	return ({ na: 'North America', eu: 'Europe', fe: 'Far East' } as Record<string, string>)[region] ?? region;
}

export const HINTS = {
	throttled: 'Amazon throttled the call. The node paces calls at the published rate; another app or workflow may share this budget.',
	temporary: 'Amazon had a temporary problem; try again later.',
	invalidInput: 'Amazon rejected a value in the request; the message names it.',
	notFound: 'Amazon does not know this resource for this seller account and marketplace.',
	rateBudget: 'Amazon limits how often each operation may be called per seller and app. Run less often or with fewer items; nothing was lost.',
	unreachable: 'Check the network, or the Custom Endpoint URL in the credential.',
	invalidGrant:
		'The refresh token was revoked, has expired, or belongs to another app or seller. Authorize the app again in Seller Central and paste the new refresh token.',
	invalidClient:
		"Copy the LWA client id and secret again from the app's page in Solution Provider Portal / Developer Central; client secrets rotate and old ones stop working.",
	lwaUnavailable: "Amazon's token service (Login with Amazon) had a temporary problem; try again in a few minutes.",
	uploadFailed: 'Nothing was sent to Amazon: the feed is created only after its document is uploaded. Try again later.',
	downloadFailed: 'The document store (Amazon S3) did not deliver the document; try again later.',
} as const;

/** The hint for an SP-API error answer (status and Amazon's error code and details). */
export function hintFor(status: number, code: string | undefined, details: string | undefined, region: SpApiRegion | string): string | undefined {
	if (status === 403 && !/expired/i.test(details ?? '')) {
		return `Amazon denied access on the ${regionName(region)} endpoint. Check that the credential's Region matches where the account sells (e.g. Europe for amazon.de) and that the app has the role this operation needs.`;
	}
	if (status === 429) return HINTS.throttled;
	if (status >= 500) return HINTS.temporary;
	if (code === 'InvalidInput') return HINTS.invalidInput;
	if (status === 404) return HINTS.notFound;
	return undefined;
}

/** The hint when the Login with Amazon token endpoint cannot be reached at all. */
export function lwaUnreachableHint(environment: SpApiEnvironment, customEndpoint: string | undefined): string {
	return environment === 'custom' ? `Check that the custom endpoint ${customEndpoint ?? ''} is running and reachable.` : 'Check the network connection to api.amazon.com.';
}
