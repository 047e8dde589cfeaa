// v1 Pod (spec §5.3 Pod). A Pod that restarts forever is a service: waiting errors and crash loops
// make it Degraded. A Pod that runs to completion (restartPolicy Never/OnFailure) is a task, as
// hook Pods are: it is done only when it Succeeded or Failed, so an image that cannot be pulled
// keeps it Progressing rather than failing a hook that might still start.
import { resourceContext, type HealthContext } from './healthContext';
import { type HealthVerdict } from './healthStatus';
import { conditionsOf, findCondition, stringAt, type LiveObject } from './liveObject';
import { describeWaiting, podContainers, waitingWithError } from './podContainers';

export const ignoreRestartPolicyAnnotation = 'argocd.argoproj.io/ignore-restart-policy';

export function podHealth(pod: LiveObject, context: HealthContext = resourceContext): HealthVerdict {
  const restartsForever = treatAsAlways(pod, context);
  if (restartsForever) {
    const failing = podContainers(pod, true).filter(waitingWithError);
    if (failing.length > 0) return { status: 'Degraded', message: failing.map(describeWaiting).join('; ') };
  }
  const phase = stringAt(pod, 'status', 'phase');
  const podMessage = stringAt(pod, 'status', 'message');
  switch (phase) {
    case 'Pending':
      return { status: 'Progressing', message: podMessage || pendingMessage(pod) };
    case 'Succeeded':
      return { status: 'Healthy', message: podMessage || 'Pod completed successfully' };
    case 'Failed':
      return { status: 'Degraded', message: podMessage || failedMessage(pod) };
    case 'Running':
      return restartsForever ? serviceHealth(pod) : taskHealth(pod);
    default:
      return { status: 'Unknown', message: podMessage || `Pod phase is "${phase}"` };
  }
}

function restartPolicyOf(pod: LiveObject): string {
  // The API server always defaults restartPolicy; an object without one was not read from a cluster,
  // and Always is what the server would have written.
  return stringAt(pod, 'spec', 'restartPolicy') || 'Always';
}

function treatAsAlways(pod: LiveObject, context: HealthContext): boolean {
  if (restartPolicyOf(pod) === 'Always') return true;
  // A hook must finish, so for hooks the override is ignored (spec §5.3 Pod).
  return !context.isHook && pod.metadata.annotations?.[ignoreRestartPolicyAnnotation] === 'true';
}

function pendingMessage(pod: LiveObject): string {
  const scheduled = findCondition(conditionsOf(pod), 'PodScheduled');
  if (scheduled && scheduled.status === 'False') {
    return `Waiting to be scheduled: ${scheduled.message || scheduled.reason}`;
  }
  const waiting = podContainers(pod, true).filter((c) => c.waitingReason !== '');
  if (waiting.length > 0) return `Waiting for containers: ${waiting.map(describeWaiting).join('; ')}`;
  return 'Waiting for the pod to start';
}

function failedMessage(pod: LiveObject): string {
  const failure = podContainers(pod, true).find((c) => c.failure !== undefined)?.failure;
  return failure ?? (stringAt(pod, 'status', 'reason') || 'Pod failed');
}

function serviceHealth(pod: LiveObject): HealthVerdict {
  const ready = findCondition(conditionsOf(pod), 'Ready');
  if (ready?.status === 'True') return { status: 'Healthy', message: 'All containers are ready' };
  const crashed = podContainers(pod, false).filter((c) => c.lastTerminated !== undefined);
  if (crashed.length > 0) {
    const restarts = crashed.map((c) => `${c.name}: restarted ${c.restartCount} times, last ${c.lastTerminated}`);
    return { status: 'Degraded', message: restarts.join('; ') };
  }
  const unready = podContainers(pod, false).filter((c) => !c.ready).map((c) => c.name);
  if (unready.length > 0) return { status: 'Progressing', message: `Waiting for containers to be ready: ${unready.join(', ')}` };
  return { status: 'Progressing', message: ready?.message || 'Waiting for the pod to be ready' };
}

function taskHealth(pod: LiveObject): HealthVerdict {
  const policy = restartPolicyOf(pod);
  if (policy !== 'Never' && policy !== 'OnFailure') {
    return { status: 'Unknown', message: `Unsupported restartPolicy "${policy}"` };
  }
  return { status: 'Progressing', message: `Waiting for the pod to run to completion (restartPolicy ${policy})` };
}
