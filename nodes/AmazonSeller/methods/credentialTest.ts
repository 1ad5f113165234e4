import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { participating, type ParticipationsResponse } from '../amazon/sellers';
import type { AmazonSellerCredentials } from '../transport';
import { scrubSecrets, SpApiClient, SpApiError } from '../transport';


/**
 * The credential's Test button: a real token exchange and getMarketplaceParticipations call, so
 * a wrong secret, a revoked token, a region that does not match the account and an unreachable
 * endpoint each get their own plain advice.
 */
export async function amazonSellerApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as unknown as AmazonSellerCredentials;
	try {
		const client = SpApiClient.uncached({ ...data, environment: data.environment ?? 'production', region: data.region ?? 'na' });
		const { body } = await client.call<ParticipationsResponse>('getMarketplaceParticipations', {}, { maxAttempts: 2, deadlineMs: 30_000 });
		const marketplaces = participating(body);
		if (marketplaces.length === 0) {
			return { status: 'Error', message: 'The account participates in no marketplace of this region. Check the Region field.' };
		}
		const names = marketplaces.map((p) => `${p.marketplace.name ?? p.marketplace.id} (${p.marketplace.countryCode ?? '?'})`).join(', ');
		return { status: 'OK', message: `Connected: ${marketplaces.length} marketplace(s): ${names}` };
	} catch (error) {
		return { status: 'Error', message: adviceFor(error) };
	}
}

function adviceFor(error: unknown): string {
	if (error instanceof SpApiError) {
		return scrubSecrets([error.message, error.hint].filter(Boolean).join('. '));
	}
	return scrubSecrets(error instanceof Error ? error.message : String(error));
}
