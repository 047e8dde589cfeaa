// The library's planSync takes `syncOptions` as `--sync-option` does: `Name=value` items, checked
// before anything is planned.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSync } from '../../../client/planSync';
import { planTasks } from '../../../sync/types';

const file = join(mkdtempSync(join(tmpdir(), 'hooksync-plan-options-')), 'cm.yaml');
writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web }\ndata: { k: v }\n');

test('options reach every task and the plan', async () => {
  const planned = await planSync([file], { namespace: 'shop', syncId: 's1', syncOptions: ['Replace=true', 'PruneLast=true'] });
  expect(planned.problems).toEqual([]);
  expect(planned.plan.syncOptions).toEqual({ Replace: 'true', PruneLast: 'true' });
  expect(planTasks(planned.plan).map((t) => t.syncOptions)).toEqual([{ Replace: 'true', PruneLast: 'true' }]);
});

test('a bad option is a problem and the plan is empty', async () => {
  const planned = await planSync([file], { namespace: 'shop', syncId: 's1', syncOptions: ['Replace=maybe'] });
  expect(planned.problems).toEqual(['--sync-option: unknown value for sync option Replace (found "Replace=maybe"); allowed: Replace=true, Replace=false']);
  expect(planned.plan.groups).toEqual([]);
});
