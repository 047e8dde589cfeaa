// The one builder of a sync's first input (sync/syncRequest.ts), used by startSync and syncChild:
// every option a request carries reaches the input, defaults stay out of it, and a selective
// sync's --prune is sent where only workers that know the selection look.
import { planSync } from '../../../sync/planSync';
import { parseResourceSelector } from '../../../sync/resourceSelector';
import { firstAttemptInput, type SyncRequest } from '../../../sync/syncRequest';
import { manifest } from './manifests';

const plan = planSync([manifest('ConfigMap', 'app-config'), manifest('Deployment', 'web')], { syncId: 's1', attempt: 0, defaultNamespace: 'shop' }).plan;
const request: SyncRequest = { syncId: 's1', app: 'shop', cluster: 'dev', plan };

describe('firstAttemptInput', () => {
  test('a request with no options gives the input older clients sent', () => {
    expect(firstAttemptInput(request)).toEqual({ syncId: 's1', app: 'shop', cluster: 'dev', plan, attempt: 0, prune: false });
  });

  test('every option of the request reaches the input', () => {
    const retry = { limit: 3, backoffSeconds: 5, factor: 2, maxBackoffSeconds: 180 };
    const inventory = [{ apiVersion: 'v1', kind: 'ConfigMap' }];
    const input = firstAttemptInput({ ...request, prune: true, timeoutSeconds: 60, waveDelaySeconds: 2, retry, syncOptions: ['Prune=confirm'] }, inventory);
    expect(input).toEqual({
      syncId: 's1', app: 'shop', cluster: 'dev', plan, attempt: 0, prune: true, timeoutSeconds: 60, waveDelaySeconds: 2,
      inventory, autoRetry: { policy: retry, retried: 0 }, syncOptions: ['Prune=confirm'],
    });
  });

  test('options at their default are left out: a retry limit of 0, no sync options, a delay of 0', () => {
    const input = firstAttemptInput({ ...request, retry: { limit: 0, backoffSeconds: 5, factor: 2, maxBackoffSeconds: 180 }, syncOptions: [], waveDelaySeconds: 0 });
    expect(Object.keys(input).sort()).toEqual(['app', 'attempt', 'cluster', 'plan', 'prune', 'syncId']);
  });

  test("a selective sync's --prune is sent as selectivePrune, with prune false for older workers", () => {
    const parsed = parseResourceSelector(':ConfigMap:app-config');
    if ('error' in parsed) throw new Error(parsed.error);
    const selective = planSync([manifest('ConfigMap', 'app-config'), manifest('Deployment', 'web')], {
      syncId: 's1', attempt: 0, defaultNamespace: 'shop', selection: [parsed.selector],
    }).plan;
    const input = firstAttemptInput({ ...request, plan: selective, prune: true });
    expect([input.prune, input.selectivePrune]).toEqual([false, true]);
  });
});
