import { useDevCodec } from './codecEnv';

// Integration tests wait on real servers: Jobs, rollouts and workflows take seconds, not ms, and
// many times that on a loaded machine. The timeout only ends a hung test, so it is generous; it is
// longer than `eventually`'s deadline, so that a wait that never ends reports its last failure.
jest.setTimeout(8 * 60_000);

// Every sync in the integration tests runs with the dev environment's codec on, as a developer's
// shell does after `source ~/.cache/hooksync/run/env`.
useDevCodec();
