import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * One credential per seller account. It holds the Login with Amazon (LWA) app client and the
 * seller's refresh token; marketplaces are not part of it because one account sells in many.
 * The "Test" button is wired in the node (`methods.credentialTest.amazonSellerApiTest`): it
 * exchanges the refresh token and calls getMarketplaceParticipations, which a declarative
 * HTTP test cannot do.
 */
export class AmazonSellerApi implements ICredentialType {
	name = 'amazonSellerApi';

	displayName = 'Amazon Seller API';

	icon: Icon = { light: 'file:../nodes/AmazonSeller/amazon.svg', dark: 'file:../nodes/AmazonSeller/amazon.dark.svg' };

	documentationUrl = 'https://developer-docs.amazon.com/sp-api/docs/self-authorization';

	properties: INodeProperties[] = [
		{
			displayName: 'Account Label',
			name: 'accountLabel',
			type: 'string',
			default: '',
			placeholder: 'e.g. My EU store',
			description: 'Optional name that tells several seller accounts apart in logs and errors',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'North America (US, CA, MX, BR)', value: 'na' },
				{ name: 'Europe (UK, DE, FR, IT, ES, NL, SE, PL, BE, TR, IN, AE, SA, EG, IE, ZA)', value: 'eu' },
				{ name: 'Far East (JP, AU, SG)', value: 'fe' },
			],
			default: 'na',
			description: 'The SP-API region of the seller account; it must match where the account sells',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Sandbox', value: 'sandbox', description: "Amazon's static sandbox" },
				{
					name: 'Custom Endpoint',
					value: 'custom',
					description: 'A local SP-API simulator or a proxy that speaks SP-API',
				},
			],
			default: 'production',
		},
		{
			displayName:
				'Every secret of this credential is sent to the Custom Endpoint: the LWA client secret and refresh token (token requests), every access token (SP-API calls), and every feed and report document. Use only an endpoint you run or trust.',
			name: 'customEndpointNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Custom Endpoint URL',
			name: 'customEndpoint',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			description:
				'Scheme, host and port that receive every call: tokens, SP-API, and document uploads and downloads (Amazon host names stay in the Host header, paths stay Amazon\'s, so the URL takes no path). Plain http only to this machine (localhost, 127.0.0.1, ::1); any other host needs https.',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'LWA Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'amzn1.application-oa2-client.…',
		},
		{
			displayName: 'LWA Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'Atzr|…',
			description: 'The refresh token from self-authorizing your app in Seller Central (or from the OAuth flow)',
		},
		{
			displayName: 'Seller ID (Merchant Token)',
			name: 'sellerId',
			type: 'string',
			default: '',
			placeholder: 'A1B2C3D4E5F6G7',
			description:
				'Needed only to update FBM quantities (the Listings Items API addresses listings by seller ID). Seller Central → Settings → Account Info → Merchant Token.',
		},
	];
}
