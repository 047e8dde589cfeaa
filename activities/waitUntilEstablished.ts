// A custom resource can only be applied once its CRD is served. After applying a CRD, the group
// waits until the API server reports it Established (spec §3.6), heartbeating meanwhile.
import { Context } from '@temporalio/activity';
import { conditionsOf, findCondition } from '../sync/health/liveObject';
import type { ObjectRef } from '../sync/types';
import type { KubeClient } from './kubeClient';

const POLL_MS = 200;

export function isCrd(ref: ObjectRef): boolean {
  return ref.group === 'apiextensions.k8s.io' && ref.kind === 'CustomResourceDefinition';
}

export async function waitUntilEstablished(kube: KubeClient, ref: ObjectRef): Promise<void> {
  for (;;) {
    const live = await kube.read(ref);
    if (live && findCondition(conditionsOf(live), 'Established')?.status === 'True') return;
    Context.current().heartbeat(`waiting for CustomResourceDefinition ${ref.name} to be established`);
    await Context.current().sleep(POLL_MS);
  }
}
