// v1 Service (spec §5.3 Service). Only a LoadBalancer has anything to wait for: the address the
// cloud controller publishes. Clusters without one (kind, KWOK, bare metal without MetalLB) never
// publish it, which keeps a sync waiting (spec §9 case 15).
import { type HealthVerdict } from './healthStatus';
import { loadBalancerAddresses, stringAt, type LiveObject } from './liveObject';

export function serviceHealth(service: LiveObject): HealthVerdict {
  const type = stringAt(service, 'spec', 'type') || 'ClusterIP';
  if (type !== 'LoadBalancer') return { status: 'Healthy', message: `${type} Service needs no address to be published` };
  const addresses = loadBalancerAddresses(service);
  if (addresses.length === 0) return { status: 'Progressing', message: 'Waiting for the load balancer to publish an address' };
  return { status: 'Healthy', message: `Load balancer address: ${addresses.join(', ')}` };
}
