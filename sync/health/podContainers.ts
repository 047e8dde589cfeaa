// The containers of a Pod as the health rule needs them: one flat view over init and regular
// container statuses, so the rule reads as the spec does ("any container waiting with ...").
import { arrayAt, countAt, fieldAt, numberAt, stringAt, type LiveObject } from './liveObject';

export interface ContainerView {
  name: string;
  ready: boolean;
  restartCount: number;
  waitingReason: string;
  waitingMessage: string;
  /** Why the current run ended badly, if it ended badly (message, OOMKilled or exit code). */
  failure: string | undefined;
  /** How the previous run ended, e.g. `exit code 1 (Error)`; undefined if it never restarted. */
  lastTerminated: string | undefined;
}

export function podContainers(pod: LiveObject, includeInit: boolean): ContainerView[] {
  const init = includeInit ? arrayAt(pod, 'status', 'initContainerStatuses') : [];
  return [...init, ...arrayAt(pod, 'status', 'containerStatuses')].map(toView);
}

/** Waiting reasons that mean "this will not get better by itself" (spec §5.3 Pod). */
export function waitingWithError(container: ContainerView): boolean {
  const reason = container.waitingReason;
  return reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff');
}

export function describeWaiting(container: ContainerView): string {
  const detail = container.waitingMessage ? ` (${container.waitingMessage})` : '';
  return `${container.name}: ${container.waitingReason}${detail}`;
}

function toView(status: unknown): ContainerView {
  const name = stringAt(status, 'name');
  return {
    name,
    ready: fieldAt(status, 'ready') === true,
    restartCount: countAt(status, 'restartCount'),
    waitingReason: stringAt(status, 'state', 'waiting', 'reason'),
    waitingMessage: stringAt(status, 'state', 'waiting', 'message'),
    failure: terminationFailure(name, fieldAt(status, 'state', 'terminated')),
    lastTerminated: describeTermination(fieldAt(status, 'lastState', 'terminated')),
  };
}

function terminationFailure(name: string, terminated: unknown): string | undefined {
  if (terminated === undefined) return undefined;
  const message = stringAt(terminated, 'message');
  if (message) return message;
  const reason = stringAt(terminated, 'reason');
  if (reason === 'OOMKilled') return reason;
  const exitCode = countAt(terminated, 'exitCode');
  return exitCode !== 0 ? `container "${name}" exited with code ${exitCode}` : undefined;
}

function describeTermination(terminated: unknown): string | undefined {
  if (terminated === undefined || terminated === null) return undefined;
  const exitCode = numberAt(terminated, 'exitCode');
  const reason = stringAt(terminated, 'reason');
  const code = exitCode === undefined ? 'terminated' : `exit code ${exitCode}`;
  return reason ? `${code} (${reason})` : code;
}
