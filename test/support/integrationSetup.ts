import { useDevCodec } from './codecEnv';

// Integration tests wait on real servers: Jobs, rollouts and workflows take seconds, not ms.
jest.setTimeout(120_000);

// Every sync in the integration tests runs with the dev environment's codec on, as a developer's
// shell does after `source ~/.cache/hooksync/run/env`.
useDevCodec();
