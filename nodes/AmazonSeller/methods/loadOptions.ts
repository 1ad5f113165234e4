import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { amazonApiRequest } from '../transport';
import { marketplaceById } from '../mapping/marketplaces';

interface Participation {
	marketplace: { id: string; name: string; countryCode: string; domainName?: string };
	participation: { isParticipating: boolean };
}

/** Marketplaces the account sells in, for the marketplace pickers. */
export async function getMarketplaces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = (await amazonApiRequest.call(this, 'getMarketplaceParticipations')) as { payload?: Participation[] };
	return (body.payload ?? [])
		.filter((p) => p.participation?.isParticipating)
		.map((p) => ({
			name: `${p.marketplace.name} (${p.marketplace.countryCode})`,
			value: p.marketplace.id,
			description: p.marketplace.domainName ?? marketplaceById(p.marketplace.id)?.domain,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
