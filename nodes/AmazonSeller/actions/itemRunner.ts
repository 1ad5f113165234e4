import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError, itemLabel } from '../rules/inputError';
import { RateBudgetError, SpApiError, toNodeError } from '../transport';

type NodeError = NodeApiError | NodeOperationError;

/** An item that passed its checks, with what was read from it. */
export interface Checked<T> {
	itemIndex: number;
	value: T;
}

export interface ReadOptions<T> {
	/** What the item is about ("order 902-…", 'SKU "MUG-1"'), so every later message names it. */
	subject?: (value: T) => string | undefined;
	/** Checks across items (the same package twice, a SKU given twice); returns problems by item. */
	across?: (checked: Array<Checked<T>>) => Iterable<[number, InputError]>;
}

export interface EachOptions {
	/** Items in flight at once (the transport paces calls; concurrency only hides latency). */
	concurrency?: number;
}

interface Outcome {
	outputs: Array<{ output: number; item: INodeExecutionData }>;
	error?: NodeError;
}

/**
 * THE per-item runner every operation uses (Outlook V2's loop, grown for operations that batch
 * items into one call):
 *
 * 1. `read` checks every item before anything is sent. Without "Continue On Fail" one bad item
 *    stops the run there, with every problem listed: nothing reaches Amazon. With it, bad items
 *    get their error as output and the others go on.
 * 2. The operation sends, then reports each item's result (`ok`) or failure (`fail`). `each` runs
 *    per-item work in input order; a thrown error becomes that item's failure. Without "Continue On
 *    Fail" the first failure stops the run: nothing more is started, and the error thrown says how
 *    many items were done and how many were not sent. A failure that every later call would meet
 *    too (access denied, budget used up, Amazon down after retries) stops new work either way.
 * 3. `output` gives each item's result in input order, paired with its item; a failure is thrown
 *    (no Continue On Fail) or becomes that item's output `{ error, … }`.
 *
 * Every message about an item starts the same way: "Item 3 (order 902-1106328-1059050): …".
 */
export class ItemRunner {
	private readonly outcomes = new Map<number, Outcome>();
	private readonly subjects = new Map<number, string>();
	private firstFailure?: number;
	/** Set when no more work may start: its reason becomes the "not sent" error of what is left. */
	private stopReason?: unknown;
	private outputCount = 1;

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly items: INodeExecutionData[],
	) {}

	get continueOnFail(): boolean {
		return this.ctx.continueOnFail();
	}

	/** How many outputs the node has in this configuration (Map Order to Sales Order may route to two). */
	useOutputs(count: number): void {
		this.outputCount = count;
	}

	/** Names what an item is about, for every later message about it. */
	about(itemIndex: number, subject: string | undefined): void {
		if (subject) this.subjects.set(itemIndex, subject);
	}

	label(itemIndex: number): string {
		return itemLabel(itemIndex, this.subjects.get(itemIndex));
	}

	/**
	 * Reads and checks every item (no I/O: `read` only looks at parameters). Returns the items that
	 * passed. Without "Continue On Fail" any problem throws here, listing them all.
	 */
	read<T>(read: (itemIndex: number) => T, options: ReadOptions<T> = {}): Array<Checked<T>> {
		const checked: Array<Checked<T>> = [];
		const problems = new Map<number, InputError>();
		for (let itemIndex = 0; itemIndex < this.items.length; itemIndex++) {
			try {
				const value = read(itemIndex);
				this.about(itemIndex, options.subject?.(value));
				checked.push({ itemIndex, value });
			} catch (error) {
				problems.set(itemIndex, asInputError(error));
			}
		}
		for (const [itemIndex, problem] of options.across?.(checked) ?? []) {
			if (!problems.has(itemIndex)) problems.set(itemIndex, problem);
		}
		if (problems.size === 0) return checked;
		for (const [itemIndex, problem] of problems) this.about(itemIndex, problem.subject);
		if (!this.continueOnFail) throw this.inputFailure(problems);
		for (const [itemIndex, problem] of problems) this.record(itemIndex, { outputs: [], error: this.inputError(itemIndex, problem) });
		return checked.filter(({ itemIndex }) => !problems.has(itemIndex));
	}

	/** The item's result: one or more output items, paired with it (or with `pairedWith`). */
	ok(itemIndex: number, result: IDataObject | IDataObject[], options: { pairedWith?: number[]; output?: number } = {}): void {
		const pairedWith = options.pairedWith ?? [itemIndex];
		const pairedItem: IPairedItemData | IPairedItemData[] = pairedWith.length === 1 ? { item: pairedWith[0] } : pairedWith.map((item) => ({ item }));
		const list = Array.isArray(result) ? result : [result];
		const outcome = this.outcomes.get(itemIndex) ?? { outputs: [] };
		// A failed item reports its error only, never a partial list next to it.
		if (outcome.error) return;
		for (const json of list) outcome.outputs.push({ output: options.output ?? 0, item: { json, pairedItem } });
		this.record(itemIndex, outcome);
	}

	/** The item failed. Without "Continue On Fail" the run stops: nothing more is started. */
	fail(itemIndex: number, error: unknown): void {
		if (this.failed(itemIndex)) return;
		const nodeError = this.toItemError(itemIndex, error);
		this.record(itemIndex, { outputs: [], error: nodeError });
		if (this.firstFailure === undefined || itemIndex < this.firstFailure) this.firstFailure = itemIndex;
		if (!this.continueOnFail) this.stopReason ??= error;
		else if (affectsEveryRequest(error)) this.stopReason ??= error;
	}

	/** Whether an item already has a result or a failure. */
	has(itemIndex: number): boolean {
		return this.outcomes.has(itemIndex);
	}

	/** Whether new work must not start (see `fail`). */
	get stopped(): boolean {
		return this.stopReason !== undefined;
	}

	/**
	 * Runs `work` for each checked item, in input order, `concurrency` at a time. An error thrown by
	 * `work` becomes that item's failure; once the run is stopped, the rest are marked "not sent".
	 */
	async each<T>(entries: Array<Checked<T>>, work: (entry: Checked<T>) => Promise<void>, options: EachOptions = {}): Promise<void> {
		await this.eachBatch(entries, (entry) => [entry.itemIndex], work, options);
	}

	/**
	 * `each` for work that serves several items at once (one call for 20 SKUs): a thrown error fails
	 * every item of the batch, and batches not started once the run stopped are "not sent".
	 */
	async eachBatch<B>(batches: B[], itemsOf: (batch: B) => number[], work: (batch: B) => Promise<void>, options: EachOptions = {}): Promise<void> {
		let next = 0;
		const lane = async () => {
			while (next < batches.length) {
				const batch = batches[next++];
				if (this.stopped) {
					this.notSent(itemsOf(batch));
					continue;
				}
				try {
					await work(batch);
				} catch (error) {
					for (const itemIndex of itemsOf(batch)) this.fail(itemIndex, error);
				}
			}
		};
		const lanes = Math.max(1, Math.min(options.concurrency ?? 1, batches.length));
		await Promise.all(Array.from({ length: lanes }, lane));
	}

	/** Whether the item has failed (its partial results, if any, are dropped: it reports its error only). */
	failed(itemIndex: number): boolean {
		return this.outcomes.get(itemIndex)?.error !== undefined;
	}

	/** Items never sent because the run stopped (they get no result of their own without Continue On Fail). */
	notSent(itemIndexes: Iterable<number>): void {
		for (const itemIndex of itemIndexes) {
			if (this.outcomes.has(itemIndex)) continue;
			if (!this.continueOnFail) continue;
			const cause = toNodeError(this.ctx.getNode(), this.stopReason ?? new Error('the run stopped'));
			this.record(itemIndex, {
				outputs: [],
				error: new NodeOperationError(this.ctx.getNode(), `${this.label(itemIndex)}: not sent, because an earlier call to Amazon failed in a way every call would (${cause.message})`, {
					itemIndex,
					description: cause.description ?? undefined,
				}),
			});
		}
	}

	/** The node's outputs in input order. Without "Continue On Fail" the first failure is thrown here. */
	output(): INodeExecutionData[][] {
		if (this.firstFailure !== undefined && !this.continueOnFail) throw this.withTally(this.firstFailure);
		const outputs: INodeExecutionData[][] = Array.from({ length: this.outputCount }, () => []);
		for (let itemIndex = 0; itemIndex < this.items.length; itemIndex++) {
			const outcome = this.outcomes.get(itemIndex);
			if (!outcome) continue;
			if (outcome.error) outputs[0].push(errorItem(outcome.error, itemIndex));
			for (const { output, item } of outcome.outputs) outputs[output].push(item);
		}
		return outputs;
	}

	/** Any failure as the n8n error shown for this item, starting with its label. */
	toItemError(itemIndex: number, error: unknown): NodeError {
		if (error instanceof InputError) {
			this.about(itemIndex, error.subject);
			return this.inputError(itemIndex, error);
		}
		const nodeError = error instanceof NodeApiError || error instanceof NodeOperationError ? error : toNodeError(this.ctx.getNode(), error, itemIndex);
		if (nodeError.context.itemIndex === undefined) nodeError.context.itemIndex = itemIndex;
		const label = this.label(itemIndex);
		if (!nodeError.message.startsWith('Item ')) nodeError.message = `${label}: ${nodeError.message}`;
		return nodeError;
	}

	private record(itemIndex: number, outcome: Outcome): void {
		this.outcomes.set(itemIndex, outcome);
	}

	private inputError(itemIndex: number, problem: InputError): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), `${this.label(itemIndex)}: ${problem.message}`, {
			itemIndex,
			description: [`Field: ${problem.field}.`, problem.hint, 'Amazon was not asked to change anything for this item.'].filter(Boolean).join(' '),
		});
	}

	/** Every item's problems in one error (the first names the item n8n points at). */
	private inputFailure(problems: Map<number, InputError>): NodeOperationError {
		const lines = [...problems].map(([itemIndex, problem]) => `${this.label(itemIndex)}: ${problem.message} (field: ${problem.field})`);
		const [firstIndex, first] = [...problems][0];
		const error = this.inputError(firstIndex, first);
		if (problems.size === 1) return error;
		const shown = lines.slice(0, 20);
		if (lines.length > shown.length) shown.push(`…and ${lines.length - shown.length} more`);
		error.message = `${error.message} (and ${problems.size - 1} more item${problems.size > 2 ? 's' : ''} with bad input)`;
		error.description = `${problems.size} items with bad input; nothing was sent to Amazon. ${shown.join(' | ')}`;
		return error;
	}

	/** The thrown error names one item; say what happened to the others. */
	private withTally(itemIndex: number): NodeError {
		const error = this.outcomes.get(itemIndex)!.error!;
		const total = this.items.length;
		if (total < 2) return error;
		let done = 0;
		let failed = 0;
		for (const outcome of this.outcomes.values()) {
			if (outcome.error) failed++;
			else done++;
		}
		const notSent = total - done - failed;
		const parts = [`${failed} of ${total} items failed`, done ? `${done} went through (done or skipped)` : '', notSent ? `${notSent} were not sent` : ''];
		const tally = `${parts.filter(Boolean).join('; ')}. Turn on "Continue On Fail" (Settings) to get every item's result.`;
		if (!error.description?.includes(tally)) error.description = [error.description, tally].filter(Boolean).join(' — ');
		return error;
	}
}

/** The output item "Continue On Fail" produces for a failed input item. */
export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as NodeApiError).description;
	if (description) json.errorDetails = description;
	const context = (error as NodeApiError).context;
	if (context?.amazonErrorCode) json.amazonErrorCode = context.amazonErrorCode as string;
	if (context?.requestId) json.requestId = context.requestId as string;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Whether a failure says something about one request (a bad SKU, a missing order) or about every
 * request that would follow (access denied, budget used up, Amazon or the network down after
 * retries). After the latter, the remaining calls would only repeat it, so the run stops.
 */
export function affectsEveryRequest(error: unknown): boolean {
	if (error instanceof RateBudgetError) return true;
	if (error instanceof InputError) return false;
	const status = error instanceof SpApiError ? error.statusCode : error instanceof NodeApiError ? Number(error.httpCode) || undefined : undefined;
	if (!(error instanceof SpApiError)) return error instanceof NodeApiError ? status === 401 || status === 403 || (status ?? 0) >= 500 : false;
	return status === undefined || status === 401 || status === 403 || status === 429 || status >= 500;
}

/** A thrown value from reading parameters: n8n's own expression errors become that field's problem. */
function asInputError(error: unknown): InputError {
	if (error instanceof InputError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new InputError('an expression', `a parameter could not be read: ${message}`);
}
