/**
 * `npm run simulator -- --port 4010 --flow 6`
 *
 * Runs the simulator on the real clock for demos and manual n8n testing: prints where it listens
 * and the credentials of each simulated seller, and with --flow keeps placing N orders a minute
 * (mixed FBA/FBM; they get paid, shipped, and now and then cancelled within minutes).
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
	const shutdown = async () => {
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
