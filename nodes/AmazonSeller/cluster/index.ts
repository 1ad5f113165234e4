/**
 * What the nodes share across n8n's processes in queue mode (main + workers): Amazon's rate budget
 * and the trigger's delivery records, through the Redis n8n's queue already uses (settings.ts).
 * Outside queue mode everything stays in the process.
 */
import { clusterState } from '../state';
import { setRateBudget } from '../transport';
import { redisSettings } from './redis';
import { SharedRateBudget } from './sharedBudget';


/**
 * Called when n8n loads the nodes (in every process): in queue mode, every Amazon call of this
 * process draws from the budget shared through Redis.
 */
export function useClusterState(): void {
	if (clusterState.budgetChosen) return;
	clusterState.budgetChosen = true;
	if (redisSettings()) setRateBudget(new SharedRateBudget());
}

export { deliveryScope, deliveryStore } from './deliveryStore';
export type { DeliveryScope, DeliveryStore } from './deliveryStore';
