// What each command does, loaded only when that command runs. Loading client-node and the Temporal
// client and worker costs about a second of CPU (issue 12), and `--help` or `plan` need none of
// them; so the command definitions (cli.ts, *Command.ts) import no action module, they call these.
// `require`, not `import()`: the compiled CLI is CommonJS, and a dynamic import would go through
// Node's ESM loader, which wants file extensions that the sources (run by Jest) do not have.
import type * as PlanAction from './planAction';
import type * as SyncAction from './syncAction';
import type * as WorkerAction from './workerAction';
import type * as ReadActions from './readActions';
import type * as RetryAction from './retryAction';
import type * as TerminateAction from './terminateAction';
import type * as CodecServerAction from './codecServerAction';
import type * as ConfirmAction from './confirmAction';
import type * as DeleteAction from './deleteAction';

/* eslint-disable @typescript-eslint/no-require-imports -- loading on demand is this file's job */
export const planAction = () => require('./planAction') as typeof PlanAction;
export const syncAction = () => require('./syncAction') as typeof SyncAction;
export const workerAction = () => require('./workerAction') as typeof WorkerAction;
export const readActions = () => require('./readActions') as typeof ReadActions;
export const retryAction = () => require('./retryAction') as typeof RetryAction;
export const terminateAction = () => require('./terminateAction') as typeof TerminateAction;
export const codecServerAction = () => require('./codecServerAction') as typeof CodecServerAction;
export const confirmAction = () => require('./confirmAction') as typeof ConfirmAction;
export const deleteAction = () => require('./deleteAction') as typeof DeleteAction;
