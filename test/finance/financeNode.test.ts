import { NodeHelpers, Workflow, type INode } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';

/** The node's description for the money operations: outputs and the credential, as n8n evaluates them. */
const nodeType = new AmazonSeller();
const node = (parameters: Record<string, unknown>): INode => ({ id: '1', name: 'Amazon Seller', type: 'amazonSeller', typeVersion: 1, position: [0, 0], parameters: parameters as INode['parameters'] });

const outputsFor = (parameters: Record<string, unknown>) => {
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node(parameters)], connections: {}, active: false, nodeTypes });
	return NodeHelpers.getNodeOutputs(workflow, node(parameters), nodeType.description);
};

const credentialShown = (parameters: Record<string, unknown>) =>
	NodeHelpers.displayParameter(parameters as INode['parameters'], nodeType.description.credentials![0], node(parameters), nodeType.description);

describe('the money operations in the node description', () => {
	test('Map Payout to Journal Entry has the outputs "Journal Entries" and "Unmapped Types"; the others one', () => {
		expect(outputsFor({ resource: 'finance', operation: 'mapPayout' })).toEqual([
			{ type: 'main', displayName: 'Journal Entries' },
			{ type: 'main', displayName: 'Unmapped Types' },
		]);
		for (const operation of ['getSettlement', 'getTransactions', 'mapRefund']) expect(outputsFor({ resource: 'finance', operation })).toEqual([{ type: 'main' }]);
		expect(outputsFor({ resource: 'return', operation: 'getMany' })).toEqual([{ type: 'main' }]);
		// Map Order to Sales Order's routing is unchanged.
		expect(outputsFor({ resource: 'salesOrder', operation: 'map', offerMapping: 'table', routeMissingOffers: true })).toEqual([
			{ type: 'main', displayName: 'Sales Orders' },
			{ type: 'main', displayName: 'Missing Offers' },
		]);
	});

	test('the two Map operations need no credential; the reads do', () => {
		expect(credentialShown({ resource: 'finance', operation: 'mapPayout' })).toBe(false);
		expect(credentialShown({ resource: 'finance', operation: 'mapRefund' })).toBe(false);
		expect(credentialShown({ resource: 'finance', operation: 'getSettlement' })).toBe(true);
		expect(credentialShown({ resource: 'finance', operation: 'getTransactions' })).toBe(true);
		expect(credentialShown({ resource: 'return', operation: 'getMany' })).toBe(true);
		expect(credentialShown({ resource: 'salesOrder', operation: 'map' })).toBe(false);
		expect(credentialShown({ resource: 'order', operation: 'get' })).toBe(true);
	});
});
