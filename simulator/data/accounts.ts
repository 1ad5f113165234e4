import { Rng } from './random';
import type { Region } from './marketplaces';

export type AccountKey = 'na' | 'eu' | 'fe';

/** One selling-partner authorisation: the app's LWA client plus the seller's refresh token. */
export interface SimAccount {
	key: AccountKey;
	sellerId: string;
	storeName: string;
	region: Region;
	marketplaceIds: string[];
	clientId: string;
	clientSecret: string;
	refreshToken: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function createAccounts(seed: number): Record<AccountKey, SimAccount> {
	const rng = new Rng(seed ^ 0xacc0);
	const make = (key: AccountKey, storeName: string, marketplaceIds: string[]): SimAccount => ({
		key,
		// Merchant tokens are 13-14 upper-case alphanumerics starting with A.
		sellerId: 'A' + rng.chars(13, ALNUM),
		storeName,
		region: key,
		marketplaceIds,
		clientId: 'amzn1.application-oa2-client.' + rng.hex(32),
		clientSecret: 'amzn1.oa2-cs.v1.' + rng.hex(64),
		refreshToken: 'Atzr|IwEB' + rng.chars(120, ALNUM + 'abcdefghijklmnopqrstuvwxyz-_'),
	});
	return {
		na: make('na', 'Northwind Home Goods', ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8']),
		eu: make('eu', 'Lindqvist & Rossi Haushalt', [
			'A1F83G8C2ARO7P',
			'A1PA6795UKMFR9',
			'A13V1IB3VIYZZH',
			'APJ6JRA9NG5V4',
			'A1RKKUPIHCS9HS',
		]),
		fe: make('fe', 'Sakura Lifestyle Store', ['A1VC38T7YXB528']),
	};
}
