import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../../simulator/virtualClock';
import { startSimulator, type Simulator } from '../../simulator';

/**
 * One simulator for a test file, on a virtual clock the transport shares, started at `startMs` and
 * run forward `warmUpMs` (e.g. until settlement periods have closed). Before each test ten minutes
 * pass: the simulator's budgets carry over from test to test, as Amazon's would, and that refills
 * them; faults and the call log are cleared. Read `env.sim` / `env.clock` inside tests (they exist
 * once beforeAll ran).
 */
export function useSimulator(seed: number, { startMs = Date.UTC(2026, 5, 1, 12), warmUpMs = 0 }: { startMs?: number; warmUpMs?: number } = {}): { sim: Simulator; clock: VirtualClock } {
	const env = {} as { sim: Simulator; clock: VirtualClock };
	beforeAll(async () => {
		env.clock = new VirtualClock(startMs);
		setClock(env.clock);
		env.sim = await startSimulator({ clock: env.clock, seed });
		if (warmUpMs) env.clock.advance(warmUpMs);
	});
	afterAll(async () => {
		await env.sim.close();
		setClock(systemClock);
	});
	beforeEach(() => {
		env.clock.advance(10 * 60_000);
		env.sim.faults.clear();
		env.sim.resetCalls();
	});
	return env;
}
