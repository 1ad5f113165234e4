import type { NormalizedAddress } from './normalizedOrder';
import { optString, type Json } from '../amazon/read';

/**
 * Both order shapes carry the same address fields under different spellings (v0 PascalCase,
 * 2026-01-01 camelCase); one reader takes the spelling table.
 */
type TextField = Exclude<keyof NormalizedAddress, 'addressType'>;
export type AddressKeys = Record<TextField | 'addressType', string>;

const ADDRESS_TYPES = ['RESIDENTIAL', 'COMMERCIAL', 'PICKUP_POINT'] as const;

export function readAddress(address: Json | undefined, path: string, keys: AddressKeys): NormalizedAddress | undefined {
	if (!address) return undefined;
	const result: NormalizedAddress = {};
	for (const field of Object.keys(keys) as Array<keyof AddressKeys>) {
		if (field === 'addressType') continue;
		const value = optString(address, keys[field], path);
		if (value !== undefined) result[field] = value;
	}
	const type = optString(address, keys.addressType, path)?.toUpperCase();
	const known = ADDRESS_TYPES.find((entry) => entry === type);
	if (known) result.addressType = known;
	return result;
}

/** Delivery instructions: drop-off location and address instructions, one per line. */
export function readInstructions(preferences: Json | undefined, path: string, keys: [string, string]): string | undefined {
	if (!preferences) return undefined;
	const parts = keys.map((key) => optString(preferences, key, path));
	return parts.filter(Boolean).join('\n') || undefined;
}
