// The errors a user can fix and run the command again after (exit 2, cliErrors.ts). They live in a
// module that loads nothing, so that the CLI can tell them apart without loading the Temporal
// client or client-node, which only the commands that talk to a server load (cli.ts).

/** The kubeconfig cannot be read or lacks the context asked for: a usage error, not an outage. */
export class KubeConfigError extends Error {}

/** One sync per app and cluster: another one is running. */
export class SyncAlreadyRunning extends Error {}

/** A deletion of the app is running: no sync of it may start (workflows/deletionLock.ts). */
export class AppBeingDeleted extends Error {}

/** One deletion per app and cluster: another one is running. */
export class DeletionAlreadyRunning extends Error {}

/** No sync has the id given. */
export class SyncNotFound extends Error {}

/** The sync cannot be retried as asked (it succeeded, or a newer sync of the app came after it). */
export class NothingToRetry extends Error {}

/** `hooksync confirm` on a sync that has no prune waiting for it (or has ended). */
export class NothingToConfirm extends Error {}
