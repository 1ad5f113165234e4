/**
 * Checks made when the trigger starts, so that a wrong setup fails activation with a clear message
 * instead of failing every poll: the credential works, the account sells in the selected
 * marketplaces, and they are in the credential's region. Participations are cached per account
 * for an hour (getMarketplaceParticipations sustains about one call a minute).
 */
import { marketplaceById } from '../amazon/marketplaces';
import { regionName } from '../amazon/regions';
import { participating, type ParticipationsResponse } from '../amazon/sellers';
import { triggerState } from '../state';
import { TriggerInputError } from './options';
import type { SpApiClient } from '../transport';

const CACHE_MS = 3600_000;


/** The marketplaces the account sells in, within the credential's region. */
export async function participatingMarketplaces(client: SpApiClient, nowMs: number): Promise<string[]> {
	const hit = triggerState.participations.get(client.accountKey);
	if (hit && nowMs - hit.atMs < CACHE_MS) return hit.marketplaceIds;
	const { body } = await client.call<ParticipationsResponse>('getMarketplaceParticipations', {}, { maxWaitMs: 30_000, deadlineMs: 60_000 });
	const marketplaceIds = participating(body)
		.map((p) => p.marketplace.id)
		.filter((id) => {
			const known = marketplaceById(id);
			// Amazon lists non-retail programmes too; unknown ids are kept, other regions are not ours.
			return !known || known.region === client.region;
		});
	triggerState.participations.set(client.accountKey, { atMs: nowMs, marketplaceIds });
	return marketplaceIds;
}

/** Throws a TriggerInputError naming the marketplace that cannot work. */
export function checkMarketplaces(selected: string[], participating: string[], region: string): void {
	const ours = regionName(region);
	for (const id of selected) {
		const mp = marketplaceById(id);
		if (mp && mp.region !== region) {
			throw new TriggerInputError(
				'Marketplace Names or IDs',
				`Marketplace ${mp.domain} (${id}) is in ${regionName(mp.region)}, but the credential's region is ${ours}. Use a credential for ${regionName(mp.region)}, or pick marketplaces of ${ours}.`,
			);
		}
	}
	if (participating.length === 0) {
		throw new TriggerInputError(
			'Credential',
			`The seller account sells in no marketplace in ${ours}. Check the credential's Region (e.g. Europe for amazon.de).`,
		);
	}
	const missing = selected.filter((id) => !participating.includes(id));
	if (missing.length) {
		const names = missing.map((id) => `${marketplaceById(id)?.domain ?? id} (${id})`).join(', ');
		throw new TriggerInputError('Marketplace Names or IDs', `The seller account does not sell in ${names}. Pick from the list of the account's marketplaces.`);
	}
}

/** For tests: forget cached participations. */
export function clearParticipationCache(): void {
	triggerState.participations.clear();
}
