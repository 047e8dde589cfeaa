// apiregistration.k8s.io APIService, v1 and v1beta1 (spec §5.3 APIService). Never Degraded: an
// aggregated API that is not yet Available usually waits for its backing Deployment.
import { type HealthVerdict } from './healthStatus';
import { conditionsOf, findCondition, type LiveObject } from './liveObject';

export function apiServiceHealth(apiService: LiveObject): HealthVerdict {
  const available = findCondition(conditionsOf(apiService), 'Available');
  if (!available) return { status: 'Progressing', message: 'Waiting to be processed' };
  const message = `${available.reason}: ${available.message}`;
  return { status: available.status === 'True' ? 'Healthy' : 'Progressing', message };
}
