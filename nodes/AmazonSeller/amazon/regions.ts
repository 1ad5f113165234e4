/**
 * SP-API regions: where a seller account sells decides which endpoint (and LWA region) serves it.
 * Pure data.
 */
export type SpApiRegion = 'na' | 'eu' | 'fe';

export const REGIONS: readonly SpApiRegion[] = ['na', 'eu', 'fe'];

const REGION_NAMES: Record<SpApiRegion, string> = { na: 'North America', eu: 'Europe', fe: 'Far East' };

/** "North America", "Europe", "Far East" (or the value itself when it is not a region). */
export function regionName(region: string): string {
	return REGION_NAMES[region as SpApiRegion] ?? region;
}
