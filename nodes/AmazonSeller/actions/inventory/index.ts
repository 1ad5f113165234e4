import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as getFbaInventory from './getFbaInventory.operation';
import * as updateFbmQuantity from './updateFbmQuantity.operation';

export const operations: Record<string, OperationModule> = { updateFbmQuantity, getFbaInventory };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{ name: 'Get FBA Inventory', value: 'getFbaInventory', description: "Read Amazon's fulfillment-center stock", action: 'Get FBA inventory' },
			{ name: 'Update FBM Quantity', value: 'updateFbmQuantity', description: 'Set the quantity of merchant-fulfilled offers', action: 'Update FBM quantity' },
		],
		default: 'updateFbmQuantity',
	},
	...updateFbmQuantity.description,
	...getFbaInventory.description,
];
