// argoproj.io Workflow (spec §5.3 Argo Workflow), judged by `status.phase` as the Argo Workflows
// controller writes it. Built in, as in Argo CD, because a Workflow is a common hook.
import { type HealthVerdict } from './healthStatus';
import { stringAt, type LiveObject } from './liveObject';

export function workflowHealth(workflow: LiveObject): HealthVerdict {
  const phase = stringAt(workflow, 'status', 'phase');
  const message = stringAt(workflow, 'status', 'message');
  switch (phase) {
    case '':
    case 'Pending':
    case 'Running':
      return { status: 'Progressing', message: message || `Waiting for the workflow to finish (phase ${phase || 'not set'})` };
    case 'Succeeded':
      return { status: 'Healthy', message: message || 'Workflow succeeded' };
    case 'Failed':
    case 'Error':
      return { status: 'Degraded', message: message || `Workflow ended with phase ${phase}` };
    default:
      return { status: 'Unknown', message: message || `Unknown workflow phase "${phase}"` };
  }
}
