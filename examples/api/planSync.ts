// Example: plan manifests offline, as `hooksync plan` does (library: planSync).
// Run from the repository root: npm run build && node dist/examples/api/planSync.js [DIR] [NAMESPACE]
import { planSync, type PlannedSync } from '../../client';

export async function main(manifests = 'examples/demo', namespace = 'hooksync-example'): Promise<PlannedSync> {
  const planned = await planSync([manifests], { namespace });
  if (planned.problems.length > 0) {
    console.error(planned.problems.join('\n'));
    return planned;
  }
  for (const group of planned.plan.groups) {
    console.log(`${group.phase} wave ${group.wave}: ${group.tasks.map((t) => `${t.ref.kind}/${t.ref.name}`).join(', ')}`);
  }
  return planned;
}

if (require.main === module) {
  main(process.argv[2], process.argv[3]).then((p) => { process.exitCode = p.problems.length > 0 ? 2 : 0; }, (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
