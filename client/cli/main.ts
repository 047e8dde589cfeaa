#!/usr/bin/env node
// `hooksync`: plan, sync and worker commands (DESIGN §3), and the read-only status, list and
// history (readCommands.ts). Exit codes: 0 succeeded, 1 the sync failed, 2 bad input or usage,
// 3 could not reach Temporal or the cluster. Defining the commands loads only commander and a few
// small modules; each command loads what it does when it runs (commandActions.ts).
import { Command, InvalidArgumentError } from 'commander';
import { parseResourceSelector, type ResourceSelector } from '../../sync/resourceSelector';
import { CliError, EXIT, output, temporalFlags } from './cliCommon';
import { errorLines, exitCodeOf } from './cliErrors';
import { addCodecServerCommand } from './codecServerCommand';
import { addConfirmCommand } from './confirmCommand';
import { addDeleteCommand } from './deleteCommand';
import { planAction, syncAction, workerAction } from './commandActions';
import { parseTimeout, parseWaveDelay } from './durationOptions';
import { exitWhenFlushed } from './exitWhenFlushed';
import { addWorkerFlags } from './workerFlags';
import { addReadCommands } from './readCommands';
import { addRetryCommand } from './retryCommand';
import { retryFlags } from './retryFlags';
import { addTerminateCommand } from './terminateCommand';

export { EXIT } from './cliCommon';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `--resource`, repeatable; a malformed selector is a usage error (exit 2) naming what is wrong. */
function collectSelector(value: string, previous: ResourceSelector[]): ResourceSelector[] {
  const parsed = parseResourceSelector(value);
  if ('error' in parsed) throw new InvalidArgumentError(parsed.error);
  return [...previous, parsed.selector];
}

const SYNC_OPTION_HELP = "an Argo CD sync option for every object, as in argocd.argoproj.io/sync-options (repeatable; an object's own annotation wins): Replace=true, Force=true, Validate=false, ApplyOutOfSyncOnly=true, PruneLast=true, ... (README, Sync options)";

const SYNC_EXAMPLES = `
Examples:
  $ hooksync sync -f k8s/ --app shop -n shop
  $ hooksync sync -f k8s/ --app shop --prune --sync-option PruneLast=true
  $ hooksync sync -f k8s/ --app shop --sync-option Replace=true --sync-option Validate=false
  $ hooksync sync -f k8s/ --app shop --sync-option ApplyOutOfSyncOnly=true,FailOnSharedResource=true
  $ hooksync plan -f k8s/ --sync-option Force=true -o wide   # offline: the options of every object
  $ hooksync sync -f k8s/ --app shop --resource apps:Deployment:shop/web   # only that object; no hooks run
  $ hooksync sync -f k8s/ --app shop --retry-limit 3 --retry-backoff-duration 10s   # retry failures at the failed group
  $ hooksync sync -f k8s/ --app shop --prune --sync-option Prune=confirm   # prunes wait for: hooksync confirm SYNC_ID`;

const RESOURCE_HELP = 'a selective sync of only this object, [!][GROUP:]KIND:[NAMESPACE/]NAME as argocd app sync takes it (empty GROUP: core; * any; ! excludes); no hooks run (repeatable)';

function program(): Command {
  const cli = new Command('hooksync').description('Kubernetes sync with Argo CD hook semantics, as durable Temporal workflows');
  // Before any subcommand is added: each copies it, so every usage error exits 2 (DESIGN §3).
  cli.exitOverride((err) => { throw new CliError(err.message, err.exitCode === 0 ? EXIT.ok : EXIT.badInput); });
  cli.configureOutput({ outputError: () => undefined }); // main() prints it once, as `hooksync: ...`
  cli.option('--debug', 'print the stack trace of an error (for reporting a bug in hooksync)');
  const kubeFlags = (c: Command) => c.option('--kubeconfig <file>', 'kubeconfig file').option('--context <name>', 'kubeconfig context')
    .option('--cluster <name>', "the cluster's name in workflow ids and the task queue hooksync.<name> (default: the context's cluster, or HOOKSYNC_CLUSTER)");
  cli.command('plan').description('print the sync plan of manifests, offline')
    .requiredOption('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .option('-n, --namespace <ns>', 'namespace for objects that name none', 'default')
    .option('--create-namespace', 'create the namespace first if the manifests do not declare it')
    .option('--resource <selector>', RESOURCE_HELP, collectSelector, [])
    .option('--sync-option <Name=value>', SYNC_OPTION_HELP, collect, [])
    .addOption(output())
    .action(async (opts) => { process.exitCode = await planAction().planCommand(opts); });
  const syncCmd = cli.command('sync').description('sync manifests to a cluster and wait for the result')
    .requiredOption('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .requiredOption('--app <name>', 'application name (one running sync per app and cluster)')
    .option('-n, --namespace <ns>', "namespace for objects that name none (default: the context's)")
    .option('--create-namespace', 'create the namespace first if the manifests do not declare it')
    .option('--prune', "delete the app's live objects that the manifests no longer have")
    .option('--resource <selector>', RESOURCE_HELP, collectSelector, [])
    .option('--timeout <duration>', 'fail the sync (and run SyncFail hooks) if it is not done within this (90s, 10m, 1h)', parseTimeout)
    .option('--wave-delay <duration>', 'pause this long between waves, durably (5s, 1m); waves already wait for health', parseWaveDelay, 0)
    .option('--no-wait', 'start the sync and return')
    .option('--attach', 'if a sync of the app is already running, follow it instead of failing')
    .option('--sync-option <Name=value>', SYNC_OPTION_HELP, collect, [])
    .addOption(output())
    .addHelpText('after', SYNC_EXAMPLES);
  retryFlags(syncCmd); kubeFlags(syncCmd); temporalFlags(syncCmd);
  syncCmd.action(async (opts) => { process.exitCode = await syncAction().syncCommand(opts); });
  const workerCmd = cli.command('worker').description("run a worker for the kubeconfig context's cluster")
    .option('--health-checks <file>', 'health rules in CEL for kinds without a built-in check (Flux healthCheckExprs; see examples/health-checks.yaml)')
    .addHelpText('after', '\nEnvironment:\n  HOOKSYNC_WORKER_V8_FLAGS   V8 flags the worker sets once loaded (default: --max-semi-space-size=2\n' +
      '                             --semi-space-growth-factor=1 --optimize-for-size, to keep its memory small; empty: none)\n' +
      '  HOOKSYNC_WORKER_LOG_LEVEL  TRACE, DEBUG, INFO, WARN (default) or ERROR\n' +
      '\nExamples:\n  hooksync worker --cluster prod    # serves every `hooksync sync --cluster prod`\n' +
      '  hooksync worker --cluster prod --health-checks examples/health-checks.yaml');
  kubeFlags(workerCmd); temporalFlags(workerCmd); addWorkerFlags(workerCmd);
  workerCmd.action(async (opts) => { process.exitCode = await workerAction().workerCommand(opts); });
  addDeleteCommand(cli, kubeFlags);
  addReadCommands(cli);
  addTerminateCommand(cli);
  addRetryCommand(cli);
  addConfirmCommand(cli);
  addCodecServerCommand(cli);
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (err) {
    const code = exitCodeOf(err);
    // --help and --version end through the same path, with nothing to report.
    if (code !== EXIT.ok) for (const line of errorLines(err, argv.includes('--debug'))) console.error(line);
    return code;
  }
}

if (require.main === module) {
  // Never process.exit directly: output still queued for a pipe would be cut (exitWhenFlushed.ts).
  void main(process.argv).then(exitWhenFlushed);
}
