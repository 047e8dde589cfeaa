// The images of a result row (sync/podImages.ts): read from wherever each workload kind keeps its
// pod spec, init containers included, duplicates once; nothing for kinds that run no pods.
import { type KubeObject } from '../../../sync/manifest';
import { podImages } from '../../../sync/podImages';

const podSpec = {
  initContainers: [{ name: 'migrate', image: 'tools:2' }],
  containers: [{ name: 'web', image: 'web:1' }, { name: 'proxy', image: 'envoy:1.30' }],
};
const expected = ['web:1', 'envoy:1.30', 'tools:2'];

function object(apiVersion: string, kind: string, spec?: unknown): KubeObject {
  return { apiVersion, kind, metadata: { name: 'x' }, ...(spec === undefined ? {} : { spec }) };
}

const template = { template: { metadata: { labels: { app: 'web' } }, spec: podSpec } };

describe('podImages', () => {
  test.each<{ name: string; obj: KubeObject }>([
    { name: 'Pod: its own spec', obj: object('v1', 'Pod', podSpec) },
    { name: 'Job: the pod template', obj: object('batch/v1', 'Job', template) },
    { name: 'CronJob: the job template\'s pod template', obj: object('batch/v1', 'CronJob', { schedule: '* * * * *', jobTemplate: { spec: template } }) },
    { name: 'Deployment', obj: object('apps/v1', 'Deployment', { replicas: 2, ...template }) },
    { name: 'StatefulSet', obj: object('apps/v1', 'StatefulSet', template) },
    { name: 'DaemonSet', obj: object('apps/v1', 'DaemonSet', template) },
    { name: 'ReplicaSet', obj: object('apps/v1', 'ReplicaSet', template) },
    { name: 'ReplicationController', obj: object('v1', 'ReplicationController', template) },
  ])('$name: containers, then init containers', ({ obj }) => {
    expect(podImages(obj)).toEqual(expected);
  });

  test('an image two containers share is listed once, where it first appears', () => {
    const spec = { containers: [{ image: 'web:1' }, { image: 'sidecar:3' }], initContainers: [{ image: 'web:1' }] };
    expect(podImages(object('v1', 'Pod', spec))).toEqual(['web:1', 'sidecar:3']);
  });

  test.each<{ name: string; obj: KubeObject }>([
    { name: 'a kind that runs no pods', obj: object('v1', 'ConfigMap') },
    { name: 'a Deployment kind in another API group (not apps)', obj: object('example.com/v1', 'Deployment', template) },
    { name: 'a workload without a spec (a prune task carries identity only)', obj: object('apps/v1', 'Deployment') },
    { name: 'a template without a pod spec', obj: object('batch/v1', 'Job', { template: {} }) },
    { name: 'containers that is not a list', obj: object('v1', 'Pod', { containers: { image: 'web:1' } }) },
  ])('nothing for $name', ({ obj }) => {
    expect(podImages(obj)).toEqual([]);
  });

  test('containers without an image, or with a non-string one, are passed over', () => {
    const spec = { containers: [{ name: 'a' }, { image: 7 }, { image: '' }, 'junk', { image: 'web:1' }] };
    expect(podImages(object('v1', 'Pod', spec))).toEqual(['web:1']);
  });

  test('the API version of the group does not matter (apps/v1beta2 too)', () => {
    expect(podImages(object('apps/v1beta2', 'Deployment', template))).toEqual(expected);
  });
});
