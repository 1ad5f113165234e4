import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as getMany from './getMany.operation';

export const operations: Record<string, OperationModule> = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['return'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "Customer returns from Amazon's returns reports, merchant- and Amazon-fulfilled",
				action: 'Get many returns',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
