/**
 * A copy of the trigger's position in queue mode's Redis. n8n 2.40.7 keeps the position in the
 * workflow's static data, and a worker that runs a node writing workflow static data (a Code node
 * using $getWorkflowStaticData) saves the WHOLE static data from its execution's snapshot, which
 * has no trigger position: the stored position is erased, and after a main restart the trigger
 * would start again from activation, losing every change since (reproduced; docs/scale-out.md).
 * With this copy the trigger goes on from where it was.
 *
 * Only used when the static data holds no position at all; any stored position wins. Best effort:
 * a failing Redis only means no copy.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DeliveryScope } from './deliveryStore';
import { connectedRedis, redisKey, sharedRedis } from './redis';

/** Longer than any outage worth resuming from (the order memory reaches 60 days back). */
const KEEP_S = 60 * 24 * 3600;

export function positionBackupAvailable(): boolean {
	return sharedRedis() !== undefined;
}

export async function backupPosition(scope: DeliveryScope, position: IDataObject): Promise<void> {
	const redis = await connectedRedis();
	await redis.set(redisKey('position', scope), JSON.stringify(position), 'EX', KEEP_S);
}

export async function restorePosition(scope: DeliveryScope): Promise<IDataObject | undefined> {
	const redis = await connectedRedis();
	const text = await redis.get(redisKey('position', scope));
	return text ? (JSON.parse(text) as IDataObject) : undefined;
}
