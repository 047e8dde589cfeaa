// examples/health-checks.yaml, loaded as the worker loads it, against captured live objects of each
// kind it covers (test/fixtures/health/custom/): status and message exactly.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { healthOf, type CustomHealthCheck, type HealthVerdict, type LiveObject } from '../../../sync/health';
import { loadHealthChecksFile } from '../../../worker/healthChecksFile';
import { repoRoot } from '../../support/paths';

const exampleFile = join(repoRoot, 'examples', 'health-checks.yaml');
const fixtureDir = join(repoRoot, 'test', 'fixtures', 'health', 'custom');

const loadFixture = (name: string) => parse(readFileSync(join(fixtureDir, `${name}.yaml`), 'utf8')) as LiveObject;

const verdict = (status: HealthVerdict['status'], field: string, line: number): HealthVerdict => ({
  status, message: `${field} is true (health check at ${exampleFile}:${line})`,
});
const ROLLOUT = 10;
const CERTIFICATE = 23;
const BUCKET = 33;

const cases: { fixture: string; expected: HealthVerdict }[] = [
  { fixture: 'rollout-new', expected: verdict('Progressing', 'inProgress', ROLLOUT) },
  { fixture: 'rollout-old-generation', expected: verdict('Progressing', 'inProgress', ROLLOUT) },
  { fixture: 'rollout-paused', expected: verdict('Progressing', 'inProgress', ROLLOUT) },
  { fixture: 'rollout-healthy', expected: verdict('Healthy', 'current', ROLLOUT) },
  { fixture: 'rollout-degraded', expected: verdict('Degraded', 'failed', ROLLOUT) },
  { fixture: 'rollout-invalid-spec', expected: verdict('Degraded', 'failed', ROLLOUT) },
  { fixture: 'certificate-issuing', expected: verdict('Progressing', 'inProgress', CERTIFICATE) },
  { fixture: 'certificate-old-generation', expected: verdict('Progressing', 'inProgress', CERTIFICATE) },
  { fixture: 'certificate-ready', expected: verdict('Healthy', 'current', CERTIFICATE) },
  { fixture: 'certificate-failed', expected: verdict('Degraded', 'failed', CERTIFICATE) },
  { fixture: 'bucket-creating', expected: { status: 'Progressing', message: `Waiting for one of the expressions of the health check at ${exampleFile}:${BUCKET} to be true` } },
  { fixture: 'bucket-ready', expected: verdict('Healthy', 'current', BUCKET) },
  { fixture: 'bucket-reconcile-error', expected: verdict('Degraded', 'failed', BUCKET) },
];

describe('examples/health-checks.yaml', () => {
  let checks: CustomHealthCheck[];
  beforeAll(async () => {
    checks = await loadHealthChecksFile(exampleFile);
  });

  it('holds a rule for Rollout, Certificate and the Crossplane Bucket', () => {
    expect(checks.map((c) => `${c.group}/${c.kind}`)).toEqual(['argoproj.io/Rollout', 'cert-manager.io/Certificate', 's3.aws.upbound.io/Bucket']);
  });

  it.each(cases)('$fixture → $expected.status', ({ fixture, expected }) => {
    const live = loadFixture(fixture);
    expect(healthOf(live)).toBeUndefined(); // no built-in rule: only the example judges it
    expect(healthOf(live, undefined, checks)).toEqual(expected);
  });

  it('has a case for every fixture on disk', () => {
    const onDisk = readdirSync(fixtureDir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
    expect(cases.map((c) => c.fixture).sort()).toEqual(onDisk);
  });
});
