/**
 * Amazon's official SP-API models (swagger 2.0), vendored in `vendor/sp-api-models`.
 * They give the usage plans and let the simulator reject what real Amazon would reject: query
 * parameters and JSON bodies are checked against each operation's declared schema.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { UsagePlan } from './rateLimits';

export const MODEL_FILES = [
	'orders_2026-01-01.json',
	'ordersV0.json',
	'sellers.json',
	'listingsItems_2021-08-01.json',
	'feeds_2021-06-30.json',
	'reports_2021-06-30.json',
	'fbaInventory.json',
	'finances_2024-06-19.json',
	'financesV0.json',
] as const;

export const LISTINGS_FEED_SCHEMA_FILE = 'listings-feed-schema-v2.json';

/** The vendored models (from simulator/ that is ../vendor). */
export function defaultModelsDir(): string {
	return path.resolve(__dirname, '../vendor/sp-api-models');
}

export interface SwaggerParam {
	name: string;
	in: 'query' | 'path' | 'body' | 'header';
	required?: boolean;
	type?: string;
	items?: Record<string, unknown>;
	schema?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface OperationModel {
	file: string;
	operationId: string;
	method: string;
	path: string;
	parameters: SwaggerParam[];
	plan?: UsagePlan;
	responses: Record<string, { schema?: Record<string, unknown> }>;
}

export type RequestCheck = { ok: true } | { ok: false; message: string };

const PLAN_RE = /\|\s*Rate \(requests per second\)\s*\|\s*Burst\s*\|\s*\n\s*\|[\s-]+\|[\s-]+\|\s*\n\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|/;

/** Reads "| Rate (requests per second) | Burst |" tables out of an operation description. */
export function parseUsagePlan(description: string | undefined): UsagePlan | undefined {
	const match = description ? PLAN_RE.exec(description) : null;
	if (!match) return undefined;
	return { rate: Number(match[1]), burst: Number(match[2]) };
}

const PARAM_SCHEMA_KEYS = [
	'type',
	'items',
	'enum',
	'maxItems',
	'minItems',
	'minimum',
	'maximum',
	'exclusiveMinimum',
	'exclusiveMaximum',
	'format',
	'maxLength',
	'minLength',
	'pattern',
];

const loaded = new Map<string, Models>();

export class Models {
	readonly operations = new Map<string, OperationModel>();
	private ajv: Ajv;
	private compiled = new Map<string, ValidateFunction>();
	private listingsFeedValidator?: ValidateFunction;

	private constructor(readonly dir: string) {
		this.ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
		addFormats(this.ajv);
		// Swagger 2.0 numeric formats, which JSON Schema does not define.
		for (const f of ['int32', 'int64', 'double', 'float']) this.ajv.addFormat(f, true);
		for (const file of MODEL_FILES) {
			const full = path.join(dir, file);
			if (!fs.existsSync(full)) continue;
			const doc = JSON.parse(fs.readFileSync(full, 'utf8'));
			this.ajv.addSchema({ $id: fileId(file), definitions: rewriteRefs(doc.definitions ?? {}, file) });
			for (const [p, item] of Object.entries<Record<string, any>>(doc.paths ?? {})) {
				const common: SwaggerParam[] = item.parameters ?? [];
				for (const [method, op] of Object.entries<any>(item)) {
					if (!op || typeof op !== 'object' || !op.operationId) continue;
					const upper = method.toUpperCase();
					this.operations.set(`${upper} ${p}`, {
						file,
						operationId: op.operationId,
						method: upper,
						path: p,
						parameters: [...common, ...(op.parameters ?? [])],
						plan: parseUsagePlan(op.description),
						responses: op.responses ?? {},
					});
				}
			}
		}
		const feedSchema = path.join(dir, LISTINGS_FEED_SCHEMA_FILE);
		if (fs.existsSync(feedSchema)) {
			const schema = JSON.parse(fs.readFileSync(feedSchema, 'utf8'));
			delete schema.$schema;
			this.listingsFeedValidator = this.ajv.compile(schema);
		}
	}

	/**
	 * undefined when the folder is absent: the simulator then runs on its built-in checks only.
	 * Loaded once per folder and shared (read-only), so starting many simulators stays fast.
	 */
	static load(dir: string = defaultModelsDir()): Models | undefined {
		const cached = loaded.get(dir);
		if (cached) return cached;
		if (!fs.existsSync(dir) || !MODEL_FILES.some((f) => fs.existsSync(path.join(dir, f)))) return undefined;
		const models = new Models(dir);
		loaded.set(dir, models);
		return models;
	}

	operation(method: string, pathTemplate: string): OperationModel | undefined {
		return this.operations.get(`${method.toUpperCase()} ${pathTemplate}`);
	}

	/**
	 * Checks path, query and body the way Amazon's front door does. Query values arrive as strings;
	 * arrays are comma-separated (swagger `collectionFormat: csv`, which amazon-sp-api sends).
	 */
	validateRequest(
		op: OperationModel,
		pathParams: Record<string, string>,
		query: URLSearchParams,
		body: unknown,
		hasBody: boolean,
	): RequestCheck {
		const queryParams = op.parameters.filter((p) => p.in === 'query');
		const validate = this.cached(`q:${op.method} ${op.path}`, () => {
			const properties: Record<string, unknown> = {};
			const required: string[] = [];
			for (const p of queryParams) {
				properties[p.name] = pickSchema(p);
				if (p.required) required.push(p.name);
			}
			return { type: 'object', properties, required };
		});
		const values: Record<string, unknown> = {};
		for (const p of queryParams) {
			const raw = query.getAll(p.name);
			if (!raw.length) continue;
			values[p.name] = coerce(p.type === 'array' ? raw.join(',') : raw[0], p);
		}
		if (!validate(values)) return { ok: false, message: describe(validate.errors, 'query') };
		for (const p of op.parameters.filter((x) => x.in === 'path')) {
			if (p.required && !pathParams[p.name]) return { ok: false, message: `Missing required path parameter '${p.name}'.` };
		}
		const bodyParam = op.parameters.find((p) => p.in === 'body');
		if (bodyParam) {
			if (!hasBody) {
				if (bodyParam.required) return { ok: false, message: 'The request body is missing.' };
			} else {
				const v = this.cached(`b:${op.method} ${op.path}`, () => rewriteRefs(bodyParam.schema ?? {}, op.file));
				if (!v(body)) return { ok: false, message: describe(v.errors, 'body') };
			}
		}
		return { ok: true };
	}

	/** For the simulator's own tests: does a response body match the model's schema for that status? */
	validateResponse(op: OperationModel, status: number, body: unknown): string | undefined {
		const schema = op.responses[String(status)]?.schema;
		if (!schema) return undefined;
		const v = this.cached(`r${status}:${op.method} ${op.path}`, () => rewriteRefs(schema, op.file));
		return v(body) ? undefined : describe(v.errors, 'response');
	}

	get hasListingsFeedSchema(): boolean {
		return !!this.listingsFeedValidator;
	}

	/** JSON_LISTINGS_FEED documents against listings-feed-schema-v2.json; undefined means valid. */
	validateListingsFeed(doc: unknown): string | undefined {
		if (!this.listingsFeedValidator) return undefined;
		return this.listingsFeedValidator(doc) ? undefined : describe(this.listingsFeedValidator.errors, 'feed');
	}

	private cached(key: string, build: () => Record<string, unknown>): ValidateFunction {
		let v = this.compiled.get(key);
		if (!v) {
			v = this.ajv.compile(build());
			this.compiled.set(key, v);
		}
		return v;
	}
}

function fileId(file: string): string {
	return `https://sp-api-models.local/${file}`;
}

/** Swagger's `#/definitions/X` is local to each file; point refs at the file's registered schema. */
function rewriteRefs<T>(node: T, file: string): T {
	if (Array.isArray(node)) return node.map((x) => rewriteRefs(x, file)) as unknown as T;
	if (!node || typeof node !== 'object') return node;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
		if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out[k] = fileId(file) + v;
		else out[k] = rewriteRefs(v, file);
	}
	return out as T;
}

function pickSchema(p: SwaggerParam): Record<string, unknown> {
	const s: Record<string, unknown> = {};
	for (const k of PARAM_SCHEMA_KEYS) if (p[k] !== undefined) s[k] = p[k];
	return s;
}

function coerceScalar(raw: string, type: unknown): unknown {
	if (type === 'integer' && /^-?\d+$/.test(raw)) return Number(raw);
	if (type === 'number' && raw.trim() !== '' && !Number.isNaN(Number(raw))) return Number(raw);
	if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
	return raw;
}

function coerce(raw: string, p: SwaggerParam): unknown {
	if (p.type === 'array') {
		const itemType = (p.items as { type?: string } | undefined)?.type;
		return raw.split(',').map((x) => coerceScalar(x, itemType));
	}
	return coerceScalar(raw, p.type);
}

/** One Amazon-style sentence naming the offending field. */
function describe(errors: ErrorObject[] | null | undefined, where: 'query' | 'body' | 'response' | 'feed'): string {
	const e = errors?.[0];
	if (!e) return `Invalid ${where}.`;
	const pointer = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
	if (where === 'query') {
		const name = pointer.split('.')[0];
		if (e.keyword === 'required') return `Missing required parameter '${(e.params as { missingProperty: string }).missingProperty}'.`;
		const extra = e.keyword === 'enum' ? ` (allowed: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
		return `Invalid value for parameter '${name}': ${e.message}${extra}.`;
	}
	if (e.keyword === 'required') {
		const missing = (e.params as { missingProperty: string }).missingProperty;
		return `Invalid ${where}: missing required field '${pointer ? pointer + '.' : ''}${missing}'.`;
	}
	if (e.keyword === 'additionalProperties') {
		const extra = (e.params as { additionalProperty: string }).additionalProperty;
		return `Invalid ${where}: unexpected field '${pointer ? pointer + '.' : ''}${extra}'.`;
	}
	const extra = e.keyword === 'enum' ? ` (allowed: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
	return `Invalid ${where}: field '${pointer || '(root)'}' ${e.message}${extra}.`;
}
