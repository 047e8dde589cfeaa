// The library's planSync with `resources` (the CLI's --resource) and the wide plan of a selective sync.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPlanWide } from '../../../client/cli/formatPlanWide';
import { planSync } from '../../../client/planSync';
import { planTasks } from '../../../sync/types';

const manifests = `
apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
  annotations: { argocd.argoproj.io/hook: PreSync }
spec: { template: { spec: { restartPolicy: Never, containers: [{ name: m, image: m }] } } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: app-config }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec: { selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: w, image: w }] } } }
`;

function manifestFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hooksync-select-unit-')), 'app.yaml');
  writeFileSync(file, manifests);
  return file;
}

test('resources select the objects to sync; hooks are left out', async () => {
  const planned = await planSync([manifestFile()], { namespace: 'shop', syncId: 's1', resources: ['apps:Deployment:web'] });
  expect(planned.problems).toEqual([]);
  expect(planTasks(planned.plan).map((t) => `${t.ref.kind}/${t.ref.name}`)).toEqual(['Deployment/web']);
  expect(planned.plan.selection?.skippedHooks.map((h) => h.phase)).toEqual(['PreSync']);
});

test('a malformed selector and one that matches nothing are both problems, and nothing is planned', async () => {
  const planned = await planSync([manifestFile()], { namespace: 'shop', syncId: 's1', resources: ['web', ':Deployment:web'] });
  expect(planned.problems).toEqual([
    '--resource "web": expected [!][GROUP:]KIND:[NAMESPACE/]NAME, with two or three fields separated by ":" (found 1)',
    '--resource :Deployment:web matches no resource in the manifests: did you mean apps:Deployment:web?',
  ]);
  expect(planned.plan.groups).toEqual([]);
});

test('the wide plan ends with what the selection leaves out', async () => {
  const { plan } = await planSync([manifestFile()], { namespace: 'shop', syncId: 's1', resources: ['!:ConfigMap:app-config'] });
  const lines = formatPlanWide(plan).split('\n');
  expect(lines.slice(-3)).toEqual([
    'selective sync (--resource !:ConfigMap:app-config): 1 of 2 resource(s) selected; the 1 not selected are neither applied nor pruned',
    'hooks not run (a selective sync runs no hooks, as in Argo CD):',
    expect.stringMatching(/^ {2}- PreSync Job shop\/migrate-presync-[0-9a-z]{8}$/),
  ]);
});
