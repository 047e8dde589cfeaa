// Integration tests wait on real servers: Jobs, rollouts and workflows take seconds, not ms.
jest.setTimeout(120_000);
