import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { CallOptions, SpApiRequest } from './client';
import { SpApiClient } from './client';
import type { AmazonSellerCredentials } from './credentials';
import { toNodeError } from './errors';
import type { OperationName } from './operations';

export type { CallOptions, SpApiRequest, SpApiResponse } from './client';
export { SpApiClient } from './client';
export type { Clock } from './clock';
export { getClock, setClock, systemClock, VirtualClock } from './clock';
export type { AmazonSellerCredentials } from './credentials';
export { RateBudgetError, SpApiError, toNodeError } from './errors';
export type { OperationName } from './operations';
export { OPERATIONS } from './operations';

type CredentialedContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_NAME = 'amazonSellerApi';

/** The cached client of the node's Amazon Seller API credential. */
export async function getSpApiClient(this: CredentialedContext): Promise<SpApiClient> {
	const credentials = (await this.getCredentials(CREDENTIAL_NAME)) as unknown as AmazonSellerCredentials;
	try {
		return SpApiClient.for(credentials);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}

/** One SP-API call from a node; failures become NodeApiError (with the item index when given). */
export async function amazonApiRequest<T = Record<string, unknown>>(
	this: CredentialedContext,
	operation: OperationName,
	request: SpApiRequest = {},
	options: CallOptions = {},
	itemIndex?: number,
): Promise<T> {
	const client = await getSpApiClient.call(this);
	try {
		return (await client.call<T>(operation, request, options)).body;
	} catch (error) {
		throw toNodeError(this.getNode(), error, itemIndex);
	}
}
