// `hooksync plan`: the sync plan of manifests, offline. It loads neither the Temporal client nor
// client-node (cli.ts loads each command's action when it runs).
import { planToJson, formatPlanText } from '../../sync/formatPlan';
import type { ResourceSelector } from '../../sync/resourceSelector';
import { parseSyncOptionFlags } from '../../sync/syncOptions';
import { CliError, EXIT } from './cliCommon';
import { formatPlanWide } from './formatPlanWide';
import { renderData } from './outputFormat';
import { planFromFiles } from '../planFromFiles';

/** What shapes a plan beyond its manifests: `--create-namespace`, `--sync-option` and `--resource`. */
export interface PlanFlags {
  createNamespace?: boolean;
  /** `--sync-option` values as typed (each `Name=value`, or a comma-separated list of them). */
  syncOption?: string[];
  /** `--resource`: a selective sync. */
  resource?: ResourceSelector[];
}

/** The plan of `files`, or a usage error (exit 2) listing every problem in them and in the flags. */
export async function plannedOrFail(files: string[], syncId: string, namespace: string, flags: PlanFlags = {}) {
  if (files.length === 0) throw new CliError('no manifests given: use -f FILE, -f DIRECTORY or -f - (stdin)', EXIT.badInput);
  const perSync = parseSyncOptionFlags(flags.syncOption ?? []);
  if (perSync.problems.length > 0) throw new CliError(`${perSync.problems.length} problem(s) in the flags; nothing was applied:\n${perSync.problems.join('\n')}`, EXIT.badInput);
  const selection = flags.resource ?? [];
  const planned = await planFromFiles(files, {
    syncId, attempt: 0, defaultNamespace: namespace, createNamespace: flags.createNamespace, syncOptions: perSync.options, ...(selection.length ? { selection } : {}),
  });
  if (planned.problems.length > 0) {
    throw new CliError(`${planned.problems.length} problem(s) in the manifests; nothing was applied:\n${planned.problems.join('\n')}`, EXIT.badInput);
  }
  return planned.plan;
}

export async function planCommand(opts: PlanFlags & { filename: string[]; namespace: string; output: string }) {
  const plan = await plannedOrFail(opts.filename, 'plan', opts.namespace, opts);
  if (opts.output === 'text') process.stdout.write(formatPlanText(plan));
  else console.log(opts.output === 'wide' ? formatPlanWide(plan) : renderData(opts.output, planToJson(plan)));
  return EXIT.ok;
}

