import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/** Amazon's official models, laid beside the repo (../shared/sp-api-models); absent on some machines. */
export const MODELS_DIR = path.resolve(__dirname, '../../../shared/sp-api-models');
export const modelsPresent = fs.existsSync(path.join(MODELS_DIR, 'ordersV0.json'));
/** `describeWithModels(...)` runs, or skips with the reason in its name. */
export const describeWithModels = modelsPresent ? describe : describe.skip;

let ajv: Ajv | undefined;

/** A validator for one definition of one model file, e.g. ('ordersV0.json', 'ConfirmShipmentRequest'). */
export function definitionValidator(file: string, definition: string): (value: unknown) => string | undefined {
	if (!ajv) {
		ajv = new Ajv({ strict: false, allErrors: true });
		addFormats(ajv);
		for (const format of ['int32', 'int64', 'double', 'float']) ajv.addFormat(format, true);
	}
	if (!ajv.getSchema(file)) {
		const doc = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, file), 'utf8'));
		ajv.addSchema({ $id: file, definitions: doc.definitions }, file);
	}
	const validate = ajv.getSchema(`${file}#/definitions/${definition}`);
	if (!validate) throw new Error(`${file} has no definition ${definition}`);
	return (value) => (validate(value) ? undefined : ajv?.errorsText(validate.errors));
}
