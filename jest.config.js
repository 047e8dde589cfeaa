// Two projects: `unit` needs no servers; `integration` talks to the real Temporal dev server and
// the real KWOK cluster that dev/start.sh brings up (global set-up starts it once per run).
// @kubernetes/client-node, its OIDC dependencies and the CEL evaluator are ESM-only; swc turns them into CommonJS
// for Jest, whose module registry cannot load ESM without --experimental-vm-modules.
const esmOnly = ['@kubernetes/client-node', 'openid-client', 'oauth4webapi', 'jose', '@marcbachmann/cel-js'];
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // The package's self-reference (tsconfig.json "paths"): the source, not dist/.
  moduleNameMapper: { '^hooksync/worker$': '<rootDir>/worker/index.ts' },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integrationSetup.ts'],
      slowTestThreshold: 30,
    },
    {
      // Long fault-injection runs on the real servers (crash sweep, servers going away): their own
      // project, so that they can be run or skipped as a whole (`--selectProjects faults`).
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integrationSetup.ts'],
      slowTestThreshold: 300,
    },
    // Benchmarks (bench/): ratios against a baseline run side by side; only when asked for.
    ...(process.env.HOOKSYNC_BENCH === '1'
      ? [{
          ...common,
          displayName: 'bench',
          testMatch: ['<rootDir>/bench/**/*.bench.ts'],
          globalSetup: '<rootDir>/test/support/globalSetup.ts',
          setupFilesAfterEnv: ['<rootDir>/test/support/integrationSetup.ts'],
        }]
      : []),
  ],
};
