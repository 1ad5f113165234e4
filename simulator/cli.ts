/**
 * `npm run simulator -- --port 4010 --flow 6`
 *
 * Runs the simulator on the real clock for demos and manual n8n testing: prints where it listens
 * and the credentials of each simulated seller, and with --flow keeps placing N orders a minute
 * (mixed FBA/FBM; they get paid, shipped, and now and then cancelled within minutes).
 * `--settle-every M` closes every open settlement period at start and each M minutes (default 10 with
 * --flow, else off; 0 turns it off), so payouts appear while you watch instead of every 14 days.
 * `--help` prints the usage; an unknown flag or a bad value prints it too and exits 2.
 */
import { systemClock } from '../nodes/AmazonSeller/transport/clock';

export const USAGE = `Usage: npm run simulator -- [options]

Runs the SP-API simulator on the real clock and prints each simulated seller's credentials.

Options:
  --port <n>            port to listen on (default: $SIM_PORT or 4010; 0 picks a free one)
  --host <address>      address to listen on (default: 127.0.0.1)
  --flow <n>            new orders placed a minute, mixed FBA/FBM (default: 0)
  --settle-every <m>    close every settlement period at start and every m minutes
                        (default: 10 with --flow, else 0 = never early)
  --seed <n>            seed of the generated data (default: fixed)
  --pagination <mode>   live (default) or snapshot: how searchOrders pages behave
  -h, --help            print this help and exit
`;

export interface CliOptions {
	port: number;
	host: string;
	flow: number;
	/** Minutes between forced settlement closes; 0: periods close on their own (every 14 days). */
	settleEvery: number;
	seed?: number;
	pagination: 'live' | 'snapshot';
}

export type ParsedArgs = { help: true } | { help: false; options: CliOptions } | { help: false; error: string };

const VALUE_FLAGS = ['port', 'host', 'flow', 'settle-every', 'seed', 'pagination'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

/** Reads the command line (without node and the script). Pure: no exit, no output. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ParsedArgs {
	const values: Partial<Record<ValueFlag, string>> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return { help: true };
		const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!m || !(VALUE_FLAGS as readonly string[]).includes(m[1])) return { help: false, error: `Unknown option: ${arg}` };
		const name = m[1] as ValueFlag;
		const value = m[2] ?? argv[++i];
		if (value === undefined || value === '' || (m[2] === undefined && value.startsWith('--'))) {
			return { help: false, error: `--${name} needs a value` };
		}
		values[name] = value;
	}
	const port = Number(values.port ?? env.SIM_PORT ?? 4010);
	if (!Number.isInteger(port) || port < 0 || port > 65535) return { help: false, error: `--port must be a port number (0-65535), not "${values.port ?? env.SIM_PORT}"` };
	const flow = Number(values.flow ?? 0);
	if (!Number.isFinite(flow) || flow < 0) return { help: false, error: `--flow must be a number of orders a minute (0 or more), not "${values.flow}"` };
	const settleEvery = Number(values['settle-every'] ?? (flow > 0 ? 10 : 0));
	if (!Number.isFinite(settleEvery) || settleEvery < 0) return { help: false, error: `--settle-every must be a number of minutes (0 or more), not "${values['settle-every']}"` };
	const seed = values.seed === undefined ? undefined : Number(values.seed);
	if (seed !== undefined && !Number.isInteger(seed)) return { help: false, error: `--seed must be a whole number, not "${values.seed}"` };
	const pagination = values.pagination ?? 'live';
	if (pagination !== 'live' && pagination !== 'snapshot') return { help: false, error: `--pagination must be live or snapshot, not "${pagination}"` };
	return { help: false, options: { port, host: values.host ?? '127.0.0.1', flow, settleEvery, seed, pagination } };
}

async function run(options: CliOptions): Promise<void> {
	const { port, host, flow, settleEvery, seed, pagination } = options;
	// Loaded here, not at the top: --help and a bad flag answer at once, without loading the models.
	const { startSimulator } = await import('./index');
	const sim = await startSimulator({ clock: systemClock, port, host, seed, paginationMode: pagination });
	const lines = [
		`SP-API simulator listening on http://${host}:${sim.port} (models ${sim.models ? 'loaded: requests are validated' : 'not found: built-in checks only'})`,
		'Point the credential at it with environment "custom" and this URL as the endpoint.',
		'',
	];
	for (const [key, a] of Object.entries(sim.accounts)) {
		lines.push(
			`[${key}] ${a.storeName} — seller ${a.sellerId}, marketplaces ${a.marketplaceIds.join(', ')}`,
			`     client id:     ${a.clientId}`,
			`     client secret: ${a.clientSecret}`,
			`     refresh token: ${a.refreshToken}`,
			'',
		);
	}
	lines.push(`State: GET http://${host}:${sim.port}/__sim/state`);
	// eslint-disable-next-line no-console
	console.log(lines.join('\n'));
	let stopFlow: (() => void) | undefined;
	if (flow > 0) {
		stopFlow = sim.orders.liveFlow({ perMinute: flow });
		// eslint-disable-next-line no-console
		console.log(`Placing ${flow} new order(s) a minute.`);
	}
	let settling: ReturnType<typeof setInterval> | undefined;
	if (settleEvery > 0) {
		const settle = () => {
			for (const account of Object.keys(sim.accounts) as Array<keyof typeof sim.accounts>) {
				for (const period of sim.finance.periods({ account, status: 'Open' })) sim.finance.closePeriod(account, period.currency);
			}
		};
		// One payout per account and currency right away (the seeded history), then every M minutes.
		settle();
		settling = setInterval(settle, settleEvery * 60_000);
		// eslint-disable-next-line no-console
		console.log(`Closing every settlement period now and each ${settleEvery} minute(s).`);
	}
	const shutdown = async () => {
		if (settling) clearInterval(settling);
		stopFlow?.();
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

/* eslint-disable no-console */
function main(): void {
	const parsed = parseArgs(process.argv.slice(2), process.env);
	if (parsed.help) {
		console.log(USAGE);
		process.exit(0);
	}
	if ('error' in parsed) {
		console.error(`${parsed.error}\n\n${USAGE}`);
		process.exit(2);
	}
	const { options } = parsed;
	run(options).catch((error) => {
		if (error?.code === 'EADDRINUSE') {
			// The demo reads this line (EADDRINUSE and the port) to name its own setting.
			console.error(`Port ${options.port} is already in use on ${options.host} (EADDRINUSE): pass --port with another port.`);
		} else {
			console.error(error);
		}
		process.exit(1);
	});
}

if (require.main === module) main();
