#!/usr/bin/env node
// `hooksync`: plan, sync and worker commands (DESIGN §3), and the read-only status, list and
// history (readCommands.ts). Exit codes: 0 succeeded, 1 the sync failed, 2 bad input or usage,
// 3 could not reach Temporal or the cluster. Defining the commands loads only commander and a few
// small modules; each command loads what it does when it runs (commandActions.ts).
import { Command, InvalidArgumentError } from 'commander';
import { durationSeconds } from '../sync/hookTimeout';
import { CliError, EXIT, output, temporalFlags } from './cliCommon';
import { errorLines, exitCodeOf } from './cliErrors';
import { addCodecServerCommand } from './codecServerCommand';
import { planAction, syncAction, workerAction } from './commandActions';
import { exitWhenFlushed } from './exitWhenFlushed';
import { addWorkerFlags } from './workerFlags';
import { addReadCommands } from './readCommands';
import { addRetryCommand } from './retryCommand';
import { addTerminateCommand } from './terminateCommand';

export { EXIT } from './cliCommon';

const collect = (value: string, previous: string[]) => [...previous, value];

function parseTimeout(value: string): number {
  const seconds = durationSeconds(value);
  if (!seconds) throw new InvalidArgumentError(`"${value}" is not a duration above zero such as 90s, 10m or 1h`);
  return seconds;
}

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
    .addOption(output())
    .action(async (opts) => { process.exitCode = await planAction().planCommand(opts); });
  const syncCmd = cli.command('sync').description('sync manifests to a cluster and wait for the result')
    .requiredOption('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .requiredOption('--app <name>', 'application name (one running sync per app and cluster)')
    .option('-n, --namespace <ns>', "namespace for objects that name none (default: the context's)")
    .option('--create-namespace', 'create the namespace first if the manifests do not declare it')
    .option('--prune', "delete the app's live objects that the manifests no longer have")
    .option('--timeout <duration>', 'fail the sync (and run SyncFail hooks) if it is not done within this (90s, 10m, 1h)', parseTimeout)
    .option('--no-wait', 'start the sync and return')
    .option('--attach', 'if a sync of the app is already running, follow it instead of failing')
    .addOption(output());
  kubeFlags(syncCmd); temporalFlags(syncCmd);
  syncCmd.action(async (opts) => { process.exitCode = await syncAction().syncCommand(opts); });
  const workerCmd = cli.command('worker').description("run a worker for the kubeconfig context's cluster");
  kubeFlags(workerCmd); temporalFlags(workerCmd); addWorkerFlags(workerCmd);
  workerCmd.action(async (opts) => { process.exitCode = await workerAction().workerCommand(opts); });
  addReadCommands(cli);
  addTerminateCommand(cli);
  addRetryCommand(cli);
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
