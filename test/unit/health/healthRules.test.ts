// The dispatch table (spec §5.3 kinds, DESIGN §2 list) and the status vocabulary (spec §5.1).
import { healthRuleFor, healthRules, healthStatuses, isHealthStatus, worseHealth } from '../../../sync/health';

describe('healthRules table', () => {
  it('is sorted by (group, kind) without duplicates', () => {
    const keys = healthRules.map((r) => `${r.group}/${r.kind}`);
    const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['DESIGN §2: Job', 'batch/v1', 'Job'],
    ['DESIGN §2: Pod', 'v1', 'Pod'],
    ['DESIGN §2: Deployment', 'apps/v1', 'Deployment'],
    ['DESIGN §2: StatefulSet', 'apps/v1', 'StatefulSet'],
    ['DESIGN §2: DaemonSet', 'apps/v1', 'DaemonSet'],
    ['DESIGN §2: ReplicaSet', 'apps/v1', 'ReplicaSet'],
    ['DESIGN §2: PersistentVolumeClaim', 'v1', 'PersistentVolumeClaim'],
    ['DESIGN §2: Service', 'v1', 'Service'],
    ['DESIGN §2: Ingress (networking.k8s.io)', 'networking.k8s.io/v1', 'Ingress'],
    ['§5.3 Ingress: legacy extensions group', 'extensions/v1beta1', 'Ingress'],
    ['DESIGN §2: HorizontalPodAutoscaler v2', 'autoscaling/v2', 'HorizontalPodAutoscaler'],
    ['§5.3 HPA v1', 'autoscaling/v1', 'HorizontalPodAutoscaler'],
    ['§5.3 APIService v1beta1', 'apiregistration.k8s.io/v1beta1', 'APIService'],
    ['DESIGN §2: argoproj.io Workflow', 'argoproj.io/v1alpha1', 'Workflow'],
    ['rules are per group, not per version', 'apps/v1beta2', 'Deployment'],
  ])('%s has a rule', (_name, apiVersion, kind) => {
    expect(healthRuleFor(apiVersion, kind)).toBeInstanceOf(Function);
  });

  it.each([
    ['§5.1 step 4: ConfigMap', 'v1', 'ConfigMap'],
    ['§5.3: Argo CD Application has no built-in check since v1.8', 'argoproj.io/v1alpha1', 'Application'],
    ['§5.3: CronJob is a Lua check in Argo CD, not built in', 'batch/v1', 'CronJob'],
    ['the group matters: a custom "Pod" kind', 'example.com/v1', 'Pod'],
    ['the group matters: core Job does not exist', 'v1', 'Job'],
  ])('%s has no rule', (_name, apiVersion, kind) => {
    expect(healthRuleFor(apiVersion, kind)).toBeUndefined();
  });
});

describe('health statuses', () => {
  it('§5.1: are ordered best to worst', () => {
    expect(healthStatuses).toEqual(['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown']);
  });

  it.each([
    ['Healthy', 'Progressing', 'Progressing'],
    ['Degraded', 'Suspended', 'Degraded'],
    ['Unknown', 'Degraded', 'Unknown'],
    ['Missing', 'Progressing', 'Missing'],
  ] as const)('§5.1: worse of %s and %s is %s', (a, b, worse) => {
    expect(worseHealth(a, b)).toBe(worse);
    expect(worseHealth(b, a)).toBe(worse);
  });

  it.each([
    ['Healthy', true],
    ['Progressing', true],
    ['healthy', false],
    ['', false],
    [undefined, false],
  ] as const)('isHealthStatus(%p) is %p', (value, expected) => {
    expect(isHealthStatus(value)).toBe(expected);
  });
});
