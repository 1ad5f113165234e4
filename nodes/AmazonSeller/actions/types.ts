import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemRunner } from './itemRunner';

/**
 * One operation of the Amazon Seller node. Each `*.operation.ts` exports its own `description`
 * (the fields it shows) and `execute`, which works through the runner: `runner.read` checks every
 * item before anything is sent, then the operation sends (item by item with `runner.each`, or
 * several items in one call, as feeds do) and reports each item's result with `runner.ok` /
 * `runner.fail`. The router turns the runner's record into the node's output.
 */
export type OperationExecute = (this: IExecuteFunctions, runner: ItemRunner) => Promise<void>;

export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}

export type AmazonSellerResource = 'order' | 'inventory' | 'salesOrder' | 'event' | 'feed' | 'finance' | 'return';
