/** The credential's data as the transport reads it (see credentials/AmazonSellerApi.credentials.ts). */
export type SpApiRegion = 'na' | 'eu' | 'fe';
export type SpApiEnvironment = 'production' | 'sandbox' | 'custom';

export interface AmazonSellerCredentials {
	accountLabel?: string;
	region: SpApiRegion;
	environment: SpApiEnvironment;
	customEndpoint?: string;
	clientId: string;
	clientSecret: string;
	refreshToken: string;
	sellerId?: string;
}
