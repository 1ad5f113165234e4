import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../rules/inputError';
import { valueAtPath } from './salesOrder/inputPath';

/** "Return All" and "Limit", as n8n's own Get Many operations show them; `show` is the operation's displayOptions. */
export function returnAllFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/**
 * Where a Map operation finds its Amazon data: the whole item, or one field of it (parameters
 * `<name>Source` and `<name>Field`, read with `locate` below).
 */
export function inputSourceFields(
	show: Record<string, string[]>,
	{ label, name, item, description }: { label: string; name: string; item: string; description?: string },
): INodeProperties[] {
	const sourceName = `${name}Source`;
	return [
		{
			displayName: `${label} Data`,
			name: sourceName,
			type: 'options',
			options: [
				{ name: 'Field in Input', value: 'field', description: `The ${label.toLowerCase()} is in one field of the input item` },
				{ name: 'Whole Input Item', value: 'item', description: item },
			],
			default: 'item',
			...(description ? { description } : {}),
			displayOptions: { show },
		},
		{
			displayName: `${label} Field`,
			name: `${name}Field`,
			type: 'string',
			// The field's default path is the parameter's own name: "order", "settlement", "refund".
			default: name,
			placeholder: `e.g. body.${name}`,
			description: `Path of the field holding the ${label.toLowerCase()}, with dots between levels`,
			displayOptions: { show: { ...show, [sourceName]: ['field'] } },
		},
	];
}

/** The output schema of a Map operation: Generic (documented, any ERP) or Odoo (for n8n's Odoo node). */
export function presetField(show: Record<string, string[]>, { generic, odoo }: { generic: string; odoo: string }): INodeProperties {
	return {
		displayName: 'Preset',
		name: 'preset',
		type: 'options',
		options: [
			{ name: 'Generic', value: 'generic', description: generic },
			{ name: 'Odoo', value: 'odoo', description: odoo },
		],
		default: 'generic',
		displayOptions: { show },
	};
}

/** How Amazon SKUs find their ERP product: none, a table entered here, or a field of the item. */
export function offerMappingFields(show: Record<string, string[]>, { none, description }: { none: string; description: string }): INodeProperties[] {
	return [
		{
			displayName: 'Offer Mapping',
			name: 'offerMapping',
			type: 'options',
			options: [
				{ name: 'Field in Input', value: 'field', description: 'An input field holds {SKU: product} or a list of {sku, product}' },
				{ name: 'None', value: 'none', description: none },
				{ name: 'Table', value: 'table', description: 'Enter SKU → ERP product pairs here' },
			],
			default: 'none',
			description,
			displayOptions: { show },
		},
		{
			displayName: 'Offers',
			name: 'offers',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Offer',
			default: {},
			displayOptions: { show: { ...show, offerMapping: ['table'] } },
			options: [
				{
					displayName: 'Offer',
					name: 'offer',
					values: [
						{ displayName: 'SKU', name: 'sku', type: 'string', default: '', description: 'Your Amazon seller SKU' },
						{ displayName: 'ERP Product', name: 'product', type: 'string', default: '', description: 'The product ID or reference in your ERP' },
					],
				},
			],
		},
		{
			displayName: 'Offers Field',
			name: 'offersField',
			type: 'string',
			default: 'offers',
			description: 'Path of the input field holding the SKU → product table',
			displayOptions: { show: { ...show, offerMapping: ['field'] } },
		},
	];
}

/** What a Map operation reads from an item: the whole item, or the field the user named. */
export interface Located {
	value: unknown;
	/** The path the value was read from ('' for the whole item), for error messages. */
	path: string;
}

/** Reads the data the fields of `inputSourceFields(show, { name, label })` point at in one item. */
export function locate(ctx: IExecuteFunctions, itemIndex: number, json: IDataObject, { name, label }: { name: string; label: string }): Located {
	const source = ctx.getNodeParameter(`${name}Source`, itemIndex, 'item') as string;
	if (source !== 'field') return { value: json, path: '' };
	const fieldLabel = `${label} Field`;
	const path = String(ctx.getNodeParameter(`${name}Field`, itemIndex, '') ?? '').trim();
	if (!path) throw new InputError(fieldLabel, `${fieldLabel} is empty; give the path of the field, e.g. "${name}" or "body.${name}"`);
	const value = valueAtPath(json, path);
	if (value === undefined) throw new InputError(fieldLabel, `the field "${path}" is not in the input item`);
	return { value, path };
}
