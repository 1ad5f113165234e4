/** Sellers API v1: which marketplaces the authorising seller participates in. */
import { MARKETPLACES } from '../data/marketplaces';
import type { Route } from '../server';

export const sellersRoutes: Route[] = [
	{
		method: 'GET',
		path: '/sellers/v1/marketplaceParticipations',
		operation: 'getMarketplaceParticipations',
		handler: ({ account }) => ({
			status: 200,
			body: {
				payload: account.marketplaceIds.map((id) => {
					const mp = MARKETPLACES[id];
					return {
						marketplace: {
							id,
							name: mp.name,
							countryCode: mp.countryCode,
							defaultCurrencyCode: mp.currency,
							defaultLanguageCode: mp.language,
							domainName: mp.domainName,
						},
						participation: { isParticipating: true, hasSuspendedListings: false },
						storeName: account.storeName,
					};
				}),
			},
		}),
	},
];
