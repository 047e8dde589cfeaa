// Golden plans: each directory of test/fixtures/plans holds manifests and the plan text we expect,
// written from the spec (the worked example is spec §3.8) and reviewed in diffs.

import { readdirSync } from 'node:fs';
import { formatPlanText } from '../../../sync/formatPlan';
import { planSync } from '../../../sync/planSync';
import { formatProblem } from '../../../sync/problems';
import { loadFixture, plansDir } from './loadFixture';

const fixtures = readdirSync(plansDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('golden plans', () => {
  test('the fixtures are there', () => {
    expect(fixtures).toEqual(expect.arrayContaining(['worked-example', 'helm-hooks', 'generate-name-two-phases', 'namespace-crd-ordering', 'skip', 'multi-hook-types', 'prune-waves']));
  });

  test.each(fixtures)('%s', (name) => {
    const { manifests, options, expected } = loadFixture(name);
    const { plan, problems } = planSync(manifests, options);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(formatPlanText(plan)).toBe(expected);
  });
});
