import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { marketplaceById } from '../amazon/marketplaces';
import { participating, type ParticipationsResponse } from '../amazon/sellers';
import { getSpApiClient, toNodeError } from '../transport';

/** Marketplaces the account sells in, for the marketplace pickers. */
export async function getMarketplaces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await getSpApiClient.call(this);
	let body: ParticipationsResponse;
	try {
		({ body } = await client.call<ParticipationsResponse>('getMarketplaceParticipations'));
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	return participating(body)
		.map(({ marketplace }) => ({
			name: `${marketplace.name ?? marketplace.id} (${marketplace.countryCode ?? '?'})`,
			value: marketplace.id,
			description: marketplace.domainName ?? marketplaceById(marketplace.id)?.domain,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
