import type { Simulator } from '../../simulator';
import type { AmazonSellerCredentials } from '../../nodes/AmazonSeller/transport/credentials';

/** The credential a user would create for the simulator's account in one region. */
export function simulatorCredentials(sim: Simulator, account: 'na' | 'eu' | 'fe' = 'na', overrides: Partial<AmazonSellerCredentials> = {}): AmazonSellerCredentials {
	const a = sim.accounts[account];
	return {
		accountLabel: `Simulator ${account.toUpperCase()}`,
		region: a.region,
		environment: 'custom',
		customEndpoint: sim.url,
		clientId: a.clientId,
		clientSecret: a.clientSecret,
		refreshToken: a.refreshToken,
		sellerId: a.sellerId,
		...overrides,
	};
}
