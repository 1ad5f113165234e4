import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as getResults from './getResults.operation';

export const operations: Record<string, OperationModule> = { getResults };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['feed'] } },
		options: [
			{
				name: 'Get Results',
				value: 'getResults',
				description: 'Collect the per-item results of a feed an earlier run left processing',
				action: 'Get feed results',
			},
		],
		default: 'getResults',
	},
	...getResults.description,
];
