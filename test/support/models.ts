import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Amazon's official SP-API models, vendored in `vendor/sp-api-models` (Apache-2.0, see its README),
 * so every clone runs every model-based test. The simulator reads the same folder.
 */
export const MODELS_DIR = path.resolve(__dirname, '../../vendor/sp-api-models');

export function loadModel(file: string): any {
	return JSON.parse(fs.readFileSync(path.join(MODELS_DIR, file), 'utf8'));
}

/** Finds an operation by id in a swagger model; returns its method, path and object. */
export function findOperation(model: any, operationId: string): { method: string; path: string; op: any } | undefined {
	for (const [p, methods] of Object.entries<any>(model.paths)) {
		for (const [method, op] of Object.entries<any>(methods)) {
			if (op && typeof op === 'object' && op.operationId === operationId) return { method, path: p, op };
		}
	}
	return undefined;
}

/** The usage plan (rate, burst) from an operation's description table. */
export function usagePlan(op: any): { rate: number; burst: number } | undefined {
	const match = /\|\s*([\d.]+)\s*\|\s*(\d+)\s*\|/.exec(op.description ?? '');
	return match ? { rate: Number(match[1]), burst: Number(match[2]) } : undefined;
}

let ajv: Ajv | undefined;

/** A validator for one definition of one model file, e.g. ('ordersV0.json', 'ConfirmShipmentRequest'). */
export function definitionValidator(file: string, definition: string): (value: unknown) => string | undefined {
	if (!ajv) {
		ajv = new Ajv({ strict: false, allErrors: true });
		addFormats(ajv);
		for (const format of ['int32', 'int64', 'double', 'float']) ajv.addFormat(format, true);
	}
	if (!ajv.getSchema(file)) {
		const doc = loadModel(file);
		ajv.addSchema({ $id: file, definitions: doc.definitions }, file);
	}
	const validate = ajv.getSchema(`${file}#/definitions/${definition}`);
	if (!validate) throw new Error(`${file} has no definition ${definition}`);
	return (value) => (validate(value) ? undefined : ajv?.errorsText(validate.errors));
}
