import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import type { AmazonSellerCredentials } from '../../nodes/AmazonSeller/transport/credentials';

/**
 * A stand-in for n8n's execute context with the behaviour the nodes rely on: parameters per item
 * (a value, or a function of the item index for per-item expressions), dotted paths for
 * collections (`options.limit`), fallback values, credentials, continue-on-fail, the node.
 * Anything else the node touches throws, so a test cannot pass by accident on a missing feature.
 */
export interface ExecuteContextOptions {
	parameters: Record<string, unknown | ((itemIndex: number) => unknown)>;
	items?: INodeExecutionData[];
	credentials?: AmazonSellerCredentials;
	continueOnFail?: boolean;
	node?: Partial<INode>;
	/** The workflow's time zone (n8n's getTimezone()); UTC when not given. */
	timezone?: string;
	workflowId?: string;
	/**
	 * An Amazon Seller Trigger upstream of the node, with the items it emitted in this execution and
	 * which of them each input item descends from (n8n's paired-item link; undefined: broken).
	 */
	upstream?: { triggerName: string; triggerItems: IDataObject[]; pairing: (itemIndex: number) => number | undefined };
}

export function createExecuteContext(options: ExecuteContextOptions): IExecuteFunctions {
	const items = options.items ?? [{ json: {} }];
	const node: INode = {
		id: 'node-1',
		name: 'Amazon Seller',
		type: 'n8n-nodes-amazon-seller.amazonSeller',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...options.node,
	};

	const lookup = (name: string, itemIndex: number): unknown => {
		const path = name.split('.');
		let value: unknown = options.parameters[path[0]];
		if (typeof value === 'function') value = (value as (i: number) => unknown)(itemIndex);
		for (const key of path.slice(1)) {
			if (value === undefined || value === null || typeof value !== 'object') return undefined;
			value = (value as IDataObject)[key];
			if (typeof value === 'function') value = (value as (i: number) => unknown)(itemIndex);
		}
		return value;
	};

	const context = {
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		getNodeParameter: (name: string, itemIndex: number, ...fallback: unknown[]) => {
			const value = lookup(name, itemIndex);
			if (value === undefined) {
				// As n8n-core: an undefined fallback is no fallback ("Could not get parameter").
				if (fallback.length > 0 && fallback[0] !== undefined) return fallback[0];
				throw new Error(`Could not get parameter "${name}" (test context: not given)`);
			}
			return value;
		},
		getCredentials: async (type: string) => {
			if (type !== 'amazonSellerApi' || !options.credentials) throw new Error(`Test context: no credentials of type "${type}"`);
			return options.credentials as unknown as IDataObject;
		},
		getExecutionId: () => 'test-execution',
		getTimezone: () => options.timezone ?? 'UTC',
		getMode: () => 'manual',
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-test', name: 'Test', active: false }),
		getParentNodes: () =>
			options.upstream ? [{ name: options.upstream.triggerName, type: 'n8n-nodes-amazon-seller.amazonSellerTrigger', typeVersion: 1, disabled: false }] : [],
		getWorkflowDataProxy: (itemIndex: number) => ({
			$: (name: string) => ({
				get item() {
					const upstream = options.upstream;
					const paired = upstream && name === upstream.triggerName ? upstream.pairing(itemIndex) : undefined;
					// As n8n's proxy: an item without a link to that node's items cannot be resolved.
					if (paired === undefined) throw new Error(`Paired item data for item ${itemIndex} from node '${name}' is unavailable`);
					return { json: upstream!.triggerItems[paired] };
				},
			}),
		}),
		logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: { item: number } }) =>
				data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
		},
	};

	return new Proxy(context, {
		get(target, prop) {
			if (prop in target) return (target as Record<string | symbol, unknown>)[prop];
			if (prop === 'then') return undefined;
			throw new Error(`Test context: the node used "${String(prop)}", which this stand-in does not provide`);
		},
	}) as unknown as IExecuteFunctions;
}

/** Runs a node's execute() the way n8n does and returns its outputs. */
export async function runNode(nodeType: INodeType, options: ExecuteContextOptions): Promise<INodeExecutionData[][]> {
	if (!nodeType.execute) throw new Error('Node has no execute()');
	const context = createExecuteContext(options);
	const result = await nodeType.execute.call(context);
	return result as INodeExecutionData[][];
}
