// `hooksync delete APP`: deletes an app as Argo CD does (spec §2.6), as a durable workflow of its
// own. Exit codes as for `sync`: 0 deleted (or a dry run), 1 the deletion failed or was
// terminated, 2 bad input or a sync or deletion of the app is running, 3 Temporal or the cluster
// cannot be reached.
import { InvalidArgumentError, type Command } from 'commander';
import { output, temporalFlags } from './cliCommon';
import { deleteAction } from './commandActions';

const collect = (value: string, previous: string[]) => [...previous, value];

function parseBoolean(value: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new InvalidArgumentError(`"${value}" is not true or false`);
}

const EXAMPLES = `
Examples:
  $ hooksync delete shop -f shop/                 # PreDelete hooks, objects highest wave first, PostDelete hooks
  $ hooksync delete shop -f shop/ --dry-run       # what would run, go and stay; starts nothing
  $ hooksync delete shop --cascade=false          # keep every object, only drop hooksync's labels and tracking id
  $ hooksync delete shop -f shop/ --no-wait -o json
  $ hooksync terminate mwucu0bm                   # stop a deletion by the id it printed, as a sync

Objects with Delete=false in argocd.argoproj.io/sync-options, helm.sh/resource-policy: keep, and
CustomResourceDefinitions are kept. No sync of the app can start while it is deleted.
`;

export function addDeleteCommand(cli: Command, kubeFlags: (c: Command) => Command): void {
  const cmd = cli.command('delete').argument('<APP>', 'the application to delete')
    .description("delete an app's objects with its PreDelete and PostDelete hooks, and wait for the result")
    .option('-f, --filename <path>', "the app's manifests, for its PreDelete/PostDelete hooks: file, directory or - (repeatable)", collect, [])
    .option('-n, --namespace <ns>', "namespace for hooks that name none (default: the context's)")
    .option('--cascade <bool>', "false: delete nothing and run no hook, only remove hooksync's labels and tracking id", parseBoolean, true)
    .option('--dry-run', 'print what would run, be deleted and be kept; start nothing')
    .option('--no-wait', 'start the deletion and return')
    .addOption(output())
    .addHelpText('after', EXAMPLES);
  kubeFlags(cmd); temporalFlags(cmd);
  cmd.action(async (app: string, opts) => { process.exitCode = await deleteAction().deleteCommand(app, opts); });
}
