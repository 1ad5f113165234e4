/**
 * Runs the Amazon Seller Trigger's poll() the way n8n 2.40 does, outside n8n: a real Workflow
 * (n8n-workflow) and a real PollContext (n8n-core), with the tick engine's staging and commit
 * rules reproduced from n8n's TriggerExecutionContextFactory and PollTriggerExecutor:
 *
 * - 'legacy' (n8n 2.40's default, and older versions): the poll mutates the workflow's in-memory
 *   static data, which is saved to the database when a poll emits and once after activation.
 * - 'durable' (n8n 2.40 with N8N_POLLER_DURABLE_CURSORS_ENABLED and the scheduler's poll-trigger
 *   chain on): each poll works on a copy of the stored cursor; a poll that returns items commits
 *   it together with the execution it starts, a poll that returns null commits it on its own (if it
 *   changed), a poll that throws commits nothing; the activation poll commits only if it emits.
 *
 * "The database" here is `stored`: what survives a teardown. `rebuild()` drops everything in
 * memory (as deactivating and reactivating the workflow, or restarting n8n, does) and the next
 * poll builds a new Workflow from what was stored. Time is the simulator's VirtualClock.
 *
 * The benchmark drives it the same way:
 *
 *   setClock(sim.clock);
 *   const trigger = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events: [...] } });
 *   await trigger.activate();
 *   await pollEvery(trigger, sim.clock, 60_000, 24 * 3600_000, (outcome) => ...);
 *   trigger.items;            // every delivered item; trigger.lastPollReport says what the last poll did
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import type { IDataObject, INode, INodeExecutionData, INodeProperties, INodeType, IPollFunctions, PollCursor } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import { AmazonSellerTrigger } from '../../nodes/AmazonSeller/AmazonSellerTrigger.node';
import { POLL_REPORT_LOG } from '../../nodes/AmazonSeller/trigger/poll';
import type { PollReport } from '../../nodes/AmazonSeller/trigger/pollRun';
import type { AmazonSellerCredentials } from '../../nodes/AmazonSeller/transport/credentials';

// n8n-core's InstanceSettings writes a settings file on first use; keep it out of the user's home.
process.env.N8N_USER_FOLDER ??= path.join(os.tmpdir(), 'n8n-nodes-amazon-seller-harness');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PollContext } = require('n8n-core') as typeof import('n8n-core');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require('@n8n/di') as typeof import('@n8n/di');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Logger } = require('@n8n/backend-common') as typeof import('@n8n/backend-common');

export type EngineMode = 'durable' | 'legacy';

export interface PollHarnessOptions {
	credentials: AmazonSellerCredentials;
	/** The trigger's parameters (events, options); Poll Times default to every minute. */
	parameters?: IDataObject;
	pollTimes?: IDataObject;
	/** Default 'legacy', n8n 2.40's default configuration. */
	engine?: EngineMode;
	/** What getPollBudgetMs() returns (n8n: 5 minutes unless leased). */
	pollBudgetMs?: number;
	workflowId?: string;
	nodeName?: string;
	/** Adds an Amazon Seller → Event → Confirm Delivery node after the trigger (the trigger then keeps events until confirmed). */
	confirmDeliveries?: boolean;
}

/** The name of the Confirm Delivery node the harness adds with `confirmDeliveries`. */
export const CONFIRM_NODE = 'Confirm Delivery';

export interface LogLine {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
	meta?: Record<string, unknown>;
}

/** What one tick did, as the engine saw it. */
export interface TickOutcome {
	items: INodeExecutionData[] | null;
	error?: Error;
	committed: boolean;
}

const logLines: LogLine[] = [];
const captureLogger = {
	debug: (message: string, meta?: Record<string, unknown>) => logLines.push({ level: 'debug', message, meta }),
	info: (message: string, meta?: Record<string, unknown>) => logLines.push({ level: 'info', message, meta }),
	warn: (message: string, meta?: Record<string, unknown>) => logLines.push({ level: 'warn', message, meta }),
	error: (message: string, meta?: Record<string, unknown>) => logLines.push({ level: 'error', message, meta }),
	scoped() {
		return captureLogger;
	},
};
Container.set(Logger, captureLogger as unknown as InstanceType<typeof Logger>);

// n8n adds Poll Times to every polling node when it loads it (DirectoryLoader).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { commonPollingParameters } = require('n8n-core/dist/nodes-loader/constants') as { commonPollingParameters: INodeProperties[] };
const trigger = new AmazonSellerTrigger();
const nodeType: INodeType = {
	description: { ...trigger.description, properties: [...commonPollingParameters, ...trigger.description.properties] },
	methods: trigger.methods,
	poll: trigger.poll,
};
const actionType = new AmazonSeller();
const typeOf = (name: string): INodeType => (name.endsWith('.amazonSeller') ? actionType : nodeType);
const nodeTypes = {
	getByName: typeOf,
	getByNameAndVersion: typeOf,
	getKnownTypes: () => ({}),
};

/**
 * n8n deep-copies the cursor when the poll starts. The harness hands out a shallow copy instead
 * and deep-freezes everything it stores, so a node that changed stored data in place would throw
 * here rather than pass; a node that replaces values behaves exactly as under n8n, without the
 * cost of copying and comparing the whole cursor on every poll.
 */
type Staged = { migrated: true; snapshot?: PollCursor; seed: PollCursor } | { migrated: false };

interface Built {
	workflow: Workflow;
	node: INode;
	context: IPollFunctions;
	staged: AsyncLocalStorage<Staged>;
	/** Items __emit received during the current tick. */
	emitted: INodeExecutionData[][] | null;
}

export class PollHarness {
	/** What n8n's database holds: the workflow's static data and (durable mode) the poll cursor. */
	readonly stored: { staticData: IDataObject; cursor?: PollCursor } = { staticData: {} };
	/** The items of every execution the trigger started, in order. */
	readonly executions: INodeExecutionData[][] = [];
	/** Errors n8n recorded for scheduled polls (as failed executions). */
	readonly errors: Error[] = [];
	private built?: Built;
	/** After a teardown n8n activates the workflow again before its scheduled polls resume. */
	private needsActivation = false;
	private readonly logStart = logLines.length;

	constructor(private readonly options: PollHarnessOptions) {}

	get engine(): EngineMode {
		return this.options.engine ?? 'legacy';
	}

	/** Everything the node logged since this harness was made. */
	get logs(): LogLine[] {
		return logLines.slice(this.logStart);
	}

	/** What the last scheduled poll did: the report the node logs at the end of every poll. */
	get lastPollReport(): PollReport | undefined {
		const logs = this.logs;
		for (let i = logs.length - 1; i >= 0; i--) if (logs[i].message === POLL_REPORT_LOG) return logs[i].meta as unknown as PollReport;
		return undefined;
	}

	/** Every delivered item, flattened. */
	get items(): INodeExecutionData[] {
		return this.executions.flat();
	}

	/**
	 * Activation: n8n builds the workflow and runs one poll as a "testing trigger". An error fails the
	 * activation (thrown here); items start an execution; a quiet poll commits nothing.
	 */
	async activate(): Promise<TickOutcome> {
		this.built = undefined;
		this.needsActivation = false;
		const outcome = await this.tick(true);
		// n8n saves the workflow's static data once its triggers are registered; a durable cursor
		// staged by this poll is not part of it.
		this.saveStaticData(this.built!);
		return outcome;
	}

	/**
	 * One scheduled poll. Errors are recorded, as n8n records a failed poll. After a teardown this
	 * is the re-activation instead (its errors are recorded and it is tried again next time).
	 */
	async poll(): Promise<TickOutcome> {
		if (this.needsActivation) {
			try {
				return await this.activate();
			} catch (error) {
				this.needsActivation = true;
				this.errors.push(error as Error);
				return { items: null, error: error as Error, committed: false };
			}
		}
		return await this.tick(false);
	}

	/** A poll whose process dies before n8n commits anything: its work is lost, then n8n restarts. */
	async pollThenCrash(): Promise<void> {
		const built = this.build();
		try {
			await built.context.__runPoll!(async () => {
				await nodeType.poll!.call(built.context);
			});
		} catch {
			// A crashing process records nothing either.
		}
		this.rebuild();
	}

	/** The editor's "Fetch Test Event": a manual-mode context on a fresh workflow; nothing is stored. */
	async manual(): Promise<INodeExecutionData[] | null> {
		const { workflow, node } = this.newWorkflow();
		const context = new PollContext(workflow, node, this.additionalData(), 'manual', 'manual', undefined, undefined, undefined, undefined, undefined, () =>
			this.options.pollBudgetMs ?? 5 * 60_000,
		);
		const result = await nodeType.poll!.call(context);
		return result ? result[0] : null;
	}

	/**
	 * Tear down (deactivate, restart): whatever n8n held in memory is gone; the next poll activates
	 * the workflow again from what was stored.
	 */
	rebuild(): void {
		this.built = undefined;
		this.needsActivation = true;
	}

	/** The trigger's stored position (durable: the committed cursor; legacy: the saved static data). */
	storedNodeData(): IDataObject {
		if (this.engine === 'durable') return (this.stored.cursor ?? {}) as IDataObject;
		return (this.stored.staticData[`node:${this.nodeName}`] ?? {}) as IDataObject;
	}

	private get nodeName(): string {
		return this.options.nodeName ?? 'Amazon Seller Trigger';
	}

	private async tick(testingTrigger: boolean): Promise<TickOutcome> {
		const built = this.build();
		built.emitted = null;
		let committed = false;
		try {
			await built.context.__runPoll!(async () => {
				const result = await nodeType.poll!.call(built.context);
				if (result !== null) {
					built.context.__emit(result);
					committed = true;
				} else if (!testingTrigger) {
					committed = await this.commitStaged(built);
				}
			});
		} catch (error) {
			if (testingTrigger) throw error;
			this.errors.push(error as Error);
			return { items: null, error: error as Error, committed: false };
		}
		return { items: built.emitted ? built.emitted[0] : null, committed };
	}

	private build(): Built {
		if (this.built) return this.built;
		const { workflow, node } = this.newWorkflow();
		const staged = new AsyncLocalStorage<Staged>();
		const built: Built = { workflow, node, staged, emitted: null, context: undefined as unknown as IPollFunctions };
		const durable = this.engine === 'durable';

		const __runPoll = async <T>(poll: () => Promise<T>): Promise<T> => {
			if (!durable) return await staged.run({ migrated: false }, poll);
			// PollCursorService.readCursor: the cursor row, seeded from static data the first time.
			this.stored.cursor ??= deepFreeze(structuredClone(this.nodeBucket(this.stored.staticData)));
			const cursor = this.stored.cursor;
			return await staged.run({ migrated: true, seed: cursor }, poll);
		};
		const __emit = (data: INodeExecutionData[][]) => {
			built.emitted = data;
			if (durable) {
				// The cursor commits in the same transaction as the execution row.
				const cursor = this.takeStaged(staged);
				if (cursor) this.commitCursor(cursor);
			} else {
				this.saveStaticData(built);
			}
			this.executions.push(data[0] ?? []);
		};
		const resolveNodeStaticData = () => {
			const store = staged.getStore();
			if (store === undefined) throw new Error('Poll node read its static data outside of a poll; __runPoll was not entered');
			if (!store.migrated) return workflow.getStaticData('node', node);
			store.snapshot ??= { ...store.seed };
			return store.snapshot;
		};
		built.context = new PollContext(
			workflow,
			node,
			this.additionalData(),
			'trigger',
			'activate',
			__emit,
			(error: Error) => this.errors.push(error),
			async () => {
				await this.commitStaged(built);
			},
			__runPoll,
			resolveNodeStaticData,
			() => this.options.pollBudgetMs ?? 5 * 60_000,
		);
		this.built = built;
		return built;
	}

	/** WorkflowStaticDataService.saveStaticData: writes the workflow's static data if it changed. */
	private saveStaticData(built: Built): void {
		if (built.workflow.staticData.__dataChanged !== true) return;
		this.stored.staticData = plain(built.workflow.staticData);
		built.workflow.staticData.__dataChanged = false;
	}

	private async commitStaged(built: Built): Promise<boolean> {
		if (this.engine !== 'durable') return false;
		const cursor = this.takeStaged(built.staged);
		if (!cursor) return false;
		this.commitCursor(cursor);
		return true;
	}

	/** The staged snapshot if it changed since it was seeded (n8n's takeStagedCursor). */
	private takeStaged(staged: AsyncLocalStorage<Staged>): PollCursor | null {
		const store = staged.getStore();
		if (!store || !store.migrated || !store.snapshot || unchanged(store.snapshot, store.seed)) return null;
		const cursor = deepFreeze({ ...store.snapshot });
		store.seed = cursor;
		return cursor;
	}

	/** `cursor` is a private copy (takeStaged); what is stored is never changed afterwards, so it can be shared. */
	private commitCursor(cursor: PollCursor): void {
		this.stored.cursor = cursor;
		// PollCursorService mirrors the committed cursor into static data.
		this.stored.staticData = { ...this.stored.staticData, [`node:${this.nodeName}`]: cursor };
	}

	private nodeBucket(staticData: IDataObject): IDataObject {
		return (staticData[`node:${this.nodeName}`] ?? {}) as IDataObject;
	}

	private newWorkflow(): { workflow: Workflow; node: INode } {
		const node: INode = {
			id: 'amazon-trigger',
			name: this.nodeName,
			type: 'n8n-nodes-amazon-seller.amazonSellerTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				pollTimes: (this.options.pollTimes ?? { item: [{ mode: 'everyMinute' }] }) as INode['parameters'][string],
				...(this.options.parameters ?? {}),
			},
			credentials: { amazonSellerApi: { id: 'cred-1', name: 'Amazon Seller account' } },
		};
		const workflow = new Workflow({
			id: this.options.workflowId ?? 'wf-amazon-orders',
			name: 'Amazon orders',
			nodes: this.options.confirmDeliveries
				? [
						node,
						{
							id: 'confirm-delivery',
							name: CONFIRM_NODE,
							type: 'n8n-nodes-amazon-seller.amazonSeller',
							typeVersion: 1,
							position: [300, 0],
							parameters: { resource: 'event', operation: 'confirmDelivery' },
						},
					]
				: [node],
			connections: this.options.confirmDeliveries ? { [node.name]: { main: [[{ node: CONFIRM_NODE, type: 'main' as const, index: 0 }]] } } : {},
			active: true,
			nodeTypes: nodeTypes as never,
			staticData: structuredClone(this.stored.staticData),
			settings: {},
		});
		return { workflow, node: workflow.getNode(node.name)! };
	}

	private additionalData() {
		const credentials = this.options.credentials;
		return {
			credentialsHelper: {
				isCredentialUsableByNode: () => true,
				getParentTypes: () => [],
				getDecrypted: async () => ({ ...credentials }) as unknown as IDataObject,
			},
		} as never;
	}
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value as object)) deepFreeze(child);
	}
	return value;
}

/** lodash isEqual, as n8n uses it: identical references are equal without a walk. */
function unchanged(snapshot: PollCursor, seed: PollCursor): boolean {
	const keys = Object.keys(snapshot);
	if (keys.length === Object.keys(seed).length && keys.every((k) => snapshot[k] === seed[k])) return true;
	return isDeepStrictEqual(snapshot, seed);
}

/** A deep, plain copy of n8n's observable static data (without its change flags). */
function plain(data: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(data)) as IDataObject;
}

/**
 * Polls every `everyMs` of the clock for `durationMs`, as n8n's scheduler would (the clock must be
 * the one the transport uses: setClock(sim.clock)). `onPoll` sees each tick's outcome.
 */
export async function pollEvery(
	harness: PollHarness,
	clock: { now(): number; sleep(ms: number): Promise<void> },
	everyMs: number,
	durationMs: number,
	onPoll?: (outcome: TickOutcome) => void,
): Promise<void> {
	const end = clock.now() + durationMs;
	while (clock.now() < end) {
		await clock.sleep(everyMs);
		const outcome = await harness.poll();
		onPoll?.(outcome);
	}
}
