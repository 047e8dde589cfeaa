// networking.k8s.io (and legacy extensions) Ingress (spec §5.3 Ingress): ready once the ingress
// controller publishes an address. Controllers that never write status keep it Progressing
// forever (argo-cd#14607); that is Argo CD's behaviour and users of it expect the same.
import { type HealthVerdict } from './healthStatus';
import { loadBalancerAddresses, type LiveObject } from './liveObject';

export function ingressHealth(ingress: LiveObject): HealthVerdict {
  const addresses = loadBalancerAddresses(ingress);
  if (addresses.length === 0) return { status: 'Progressing', message: 'Waiting for the ingress controller to publish an address' };
  return { status: 'Healthy', message: `Ingress address: ${addresses.join(', ')}` };
}
