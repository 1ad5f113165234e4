import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as cancel from './cancel.operation';
import * as confirmShipment from './confirmShipment.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, OperationModule> = { get, getMany, confirmShipment, cancel };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', description: 'Cancel merchant-fulfilled orders or items', action: 'Cancel an order' },
			{ name: 'Confirm Shipment', value: 'confirmShipment', description: 'Tell Amazon a merchant-fulfilled package shipped', action: 'Confirm a shipment' },
			{ name: 'Get', value: 'get', description: 'Get an order with its items', action: 'Get an order' },
			{ name: 'Get Many', value: 'getMany', description: 'Search orders', action: 'Get many orders' },
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...confirmShipment.description,
	...cancel.description,
];
