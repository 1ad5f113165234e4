/**
 * `npm run simulator -- --port 4010 --flow 6`
 *
 * Runs the simulator on the real clock for demos and manual n8n testing: prints where it listens
 * and the credentials of each simulated seller, and with --flow keeps placing N orders a minute
 * (mixed FBA/FBM; they get paid, shipped, and now and then cancelled within minutes).
 * `--settle-every M` closes every open settlement period at start and each M minutes (default 10 with --flow,
 * else off; 0 turns it off), so payouts appear while you watch instead of every 14 days.
 */
import { systemClock } from '../nodes/AmazonSeller/transport/clock';
import { startSimulator } from './index';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	if (i >= 0) return process.argv[i + 1];
	const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
	return eq?.slice(name.length + 3);
}

async function main(): Promise<void> {
	const port = Number(arg('port') ?? process.env.SIM_PORT ?? 4010);
	const flow = Number(arg('flow') ?? 0);
	const settleEvery = Number(arg('settle-every') ?? (flow > 0 ? 10 : 0));
	const seed = arg('seed') !== undefined ? Number(arg('seed')) : undefined;
	const host = arg('host') ?? '127.0.0.1';
	const mode = arg('pagination') === 'snapshot' ? 'snapshot' : 'live';
	const sim = await startSimulator({ clock: systemClock, port, host, seed, paginationMode: mode });
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

main().catch((err) => {
	// eslint-disable-next-line no-console
	console.error(err);
	process.exit(1);
});
