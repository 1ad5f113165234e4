import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as getSettlement from './getSettlement.operation';
import * as getTransactions from './getTransactions.operation';
import * as mapPayout from './mapPayout.operation';
import * as mapRefund from './mapRefund.operation';

export const operations: Record<string, OperationModule> = { getTransactions, getSettlement, mapPayout, mapRefund };

/** The operations that work on data alone: the credential is hidden for them (AmazonSeller.node.ts). */
export const NO_CREDENTIAL_OPERATIONS = ['mapPayout', 'mapRefund'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['finance'] } },
		options: [
			{
				name: 'Get Settlement',
				value: 'getSettlement',
				description: 'Read a closed settlement (a payout): summary, totals and every line, from Amazon\'s settlement report',
				action: 'Get a settlement',
			},
			{
				name: 'Get Transactions',
				value: 'getTransactions',
				description: 'List finance transactions by posted date, order, settlement or event group',
				action: 'Get transactions',
			},
			{
				name: 'Map Payout to Journal Entry',
				value: 'mapPayout',
				description: 'Turn a settlement into one balanced journal entry (no credential needed)',
				action: 'Map payout to journal entry',
			},
			{
				name: 'Map Refund to Credit Note',
				value: 'mapRefund',
				description: 'Turn an Amazon refund into a credit note (no credential needed)',
				action: 'Map refund to credit note',
			},
		],
		default: 'getSettlement',
	},
	...getSettlement.description,
	...getTransactions.description,
	...mapPayout.description,
	...mapRefund.description,
];
