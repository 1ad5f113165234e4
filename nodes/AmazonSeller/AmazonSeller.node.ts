import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { amazonSellerApiTest } from './methods/credentialTest';
import { getMarketplaces } from './methods/loadOptions';

export class AmazonSeller implements INodeType {
	description: INodeTypeDescription = versionDescription;

	methods = {
		loadOptions: { getMarketplaces },
		credentialTest: { amazonSellerApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
