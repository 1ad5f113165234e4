import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as confirmDelivery from './confirmDelivery.operation';

export const operations: Record<string, OperationModule> = { confirmDelivery };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Confirm Delivery',
				value: 'confirmDelivery',
				description: 'Tell the Amazon Seller Trigger that these events reached your ERP (no Amazon call)',
				action: 'Confirm delivery of trigger events',
			},
		],
		default: 'confirmDelivery',
	},
	...confirmDelivery.description,
];
