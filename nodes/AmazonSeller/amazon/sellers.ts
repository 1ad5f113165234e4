/** Sellers API v1 getMarketplaceParticipations, the parts this package reads. Pure. */
export interface MarketplaceParticipation {
	marketplace?: { id?: string; name?: string; countryCode?: string; domainName?: string };
	participation?: { isParticipating?: boolean };
}

export interface ParticipationsResponse {
	payload?: MarketplaceParticipation[];
}

/** The participations the account actually sells in (Amazon also lists ones it left). */
export function participating(response: ParticipationsResponse): Array<MarketplaceParticipation & { marketplace: { id: string } }> {
	return (response.payload ?? []).filter(
		(p): p is MarketplaceParticipation & { marketplace: { id: string } } => p.participation?.isParticipating === true && typeof p.marketplace?.id === 'string',
	);
}
