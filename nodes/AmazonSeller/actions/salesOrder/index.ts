import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as map from './map.operation';

export const operations: Record<string, OperationModule> = { map };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['salesOrder'] } },
		options: [
			{
				name: 'Map Order to Sales Order',
				value: 'map',
				description: 'Turn an Amazon order into an ERP-ready sales order (no credential needed)',
				action: 'Map order to sales order',
			},
		],
		default: 'map',
	},
	...map.description,
];
