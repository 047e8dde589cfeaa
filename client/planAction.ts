// `hooksync plan`: the sync plan of manifests, offline. It loads neither the Temporal client nor
// client-node (cli.ts loads each command's action when it runs).
import { planToJson, formatPlanText } from '../sync/formatPlan';
import type { ResourceSelector } from '../sync/resourceSelector';
import { CliError, EXIT } from './cliCommon';
import { formatPlanWide } from './formatPlanWide';
import { renderData } from './outputFormat';
import { planFromFiles } from './planFromFiles';

/** The plan of `files`, or a usage error (exit 2) listing every problem in them. `selection`: `--resource`. */
export async function plannedOrFail(files: string[], syncId: string, namespace: string, createNamespace = false, selection: ResourceSelector[] = []) {
  if (files.length === 0) throw new CliError('no manifests given: use -f FILE, -f DIRECTORY or -f - (stdin)', EXIT.badInput);
  const planned = await planFromFiles(files, { syncId, attempt: 0, defaultNamespace: namespace, createNamespace, ...(selection.length ? { selection } : {}) });
  if (planned.problems.length > 0) {
    throw new CliError(`${planned.problems.length} problem(s) in the manifests; nothing was applied:\n${planned.problems.join('\n')}`, EXIT.badInput);
  }
  return planned.plan;
}

export async function planCommand(opts: { filename: string[]; namespace: string; createNamespace?: boolean; resource?: ResourceSelector[]; output: string }) {
  const plan = await plannedOrFail(opts.filename, 'plan', opts.namespace, opts.createNamespace, opts.resource);
  if (opts.output === 'text') process.stdout.write(formatPlanText(plan));
  else console.log(opts.output === 'wide' ? formatPlanWide(plan) : renderData(opts.output, planToJson(plan)));
  return EXIT.ok;
}

