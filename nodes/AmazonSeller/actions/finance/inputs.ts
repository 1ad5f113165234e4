import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../rules/inputError';
import { valueAtPath } from '../salesOrder/inputPath';

/** What a Map operation reads from an item: the whole item, or the field the user named. */
export interface Located {
	value: unknown;
	/** The path the value was read from ('' for the whole item), for error messages. */
	path: string;
}

export function locate(ctx: IExecuteFunctions, itemIndex: number, json: IDataObject, sourceParameter: string, fieldParameter: string, fieldLabel: string): Located {
	const source = ctx.getNodeParameter(sourceParameter, itemIndex, 'item') as string;
	if (source !== 'field') return { value: json, path: '' };
	const path = String(ctx.getNodeParameter(fieldParameter, itemIndex, '') ?? '').trim();
	if (!path) throw new InputError(fieldLabel, `${fieldLabel} is empty; give the path of the field, e.g. "settlement" or "body.refund"`);
	const value = valueAtPath(json, path);
	if (value === undefined) throw new InputError(fieldLabel, `the field "${path}" is not in the input item`);
	return { value, path };
}
