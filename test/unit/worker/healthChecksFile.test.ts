// `--health-checks FILE`: what the worker accepts, and how it refuses a bad file (every problem,
// each with file, line and rule), plus the CEL evaluator's sandbox and Flux-compatible reading.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthOf, type LiveObject } from '../../../sync/health';
import { compileCelPredicate } from '../../../worker/celPredicate';
import { HealthChecksFileError, loadHealthChecksFile, parseHealthChecks } from '../../../worker/healthChecksFile';

const widget = (status?: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'w', generation: 2 }): LiveObject => ({
  apiVersion: 'example.com/v1', kind: 'Widget', metadata, ...(status ? { status } : {}),
});

describe('parseHealthChecks', () => {
  it('reads apiVersion or group, kind and the three expressions, with the line of each rule', () => {
    const { checks, problems } = parseHealthChecks([
      '- apiVersion: example.com/v1',
      '  kind: Widget',
      "  current: status.phase == 'Ready'",
      '- group: ""',
      '  kind: ConfigMap',
      "  inProgress: has(metadata.annotations)",
      "  failed: size(metadata.name) == 0",
      '  current: "true"',
    ].join('\n'), 'checks.yaml');
    expect(problems).toEqual([]);
    expect(checks.map(({ group, kind, origin, inProgress, failed, current }) => ({ group, kind, origin, inProgress: inProgress?.text, failed: failed?.text, current: current.text }))).toEqual([
      { group: 'example.com', kind: 'Widget', origin: 'checks.yaml:1', inProgress: undefined, failed: undefined, current: "status.phase == 'Ready'" },
      { group: '', kind: 'ConfigMap', origin: 'checks.yaml:4', inProgress: 'has(metadata.annotations)', failed: 'size(metadata.name) == 0', current: 'true' },
    ]);
  });

  it("accepts the list under Flux's healthCheckExprs key, as pasted from a Kustomization", () => {
    const { checks, problems } = parseHealthChecks('healthCheckExprs:\n  - apiVersion: example.com/v1\n    kind: Widget\n    current: "true"\n', 'flux.yaml');
    expect(problems).toEqual([]);
    expect(checks.map((c) => [c.group, c.kind, c.origin])).toEqual([['example.com', 'Widget', 'flux.yaml:2']]);
  });

  it('refuses every bad rule at once, naming file, line, rule and field', () => {
    const { checks, problems } = parseHealthChecks([
      '- apiVersion: example.com/v1', //   1
      '  kind: Widget', //                 2
      '  inProgress: status.phase ==', //  3: syntax
      "  current: status.phase == 'Ready'",
      '- apiVersion: example.com/v1', //   5
      '  kind: Gadget',
      '  current: stauts.ready', //        7: unknown variable
      '- apiVersion: example.com/v1', //   8
      '  kind: Sprocket',
      '  current: status.phase', //        10: fine (dyn), judged when evaluated
      "  failed: size('x')", //            11: an int, not a bool
      '  inprogress: "true"', //           12: unknown field
      '- kind: Bolt', //                   13: no apiVersion, no current
      '- apiVersion: example.com/v1', //   14: duplicate of rule 1
      '  kind: Widget',
      '  current: "true"',
      '- just a string', //                17
    ].join('\n'), 'checks.yaml');
    expect(checks).toEqual([]);
    expect(problems).toEqual([
      'checks.yaml:3: rule 1 (example.com/Widget): inProgress: Unexpected token: EOF',
      'checks.yaml:7: rule 2 (example.com/Gadget): current: Unknown variable: stauts',
      'checks.yaml:11: rule 3 (example.com/Sprocket): failed: is of type int; a health expression must be a bool',
      'checks.yaml:12: rule 3 (example.com/Sprocket): unknown field "inprogress" (expected apiVersion, group, kind, inProgress, failed, current)',
      'checks.yaml:13: rule 4 (Bolt): apiVersion (or group) is missing',
      'checks.yaml:13: rule 4 (Bolt): current is missing: the expression that is true once the object is healthy',
      'checks.yaml:14: rule 5 (example.com/Widget): the same group and kind as the rule at checks.yaml:1',
      'checks.yaml:17: rule 6: expected a mapping with apiVersion or group, kind and current',
    ]);
  });

  it('refuses what is not a list of rules, and YAML errors with their line', () => {
    expect(parseHealthChecks('kind: Widget\n', 'a.yaml').problems).toEqual([
      'a.yaml:1: expected a list of health checks (apiVersion or group, kind, current, and optionally inProgress and failed)',
    ]);
    expect(parseHealthChecks('[]\n', 'b.yaml').problems).toEqual(['b.yaml:1: the list of health checks is empty']);
    expect(parseHealthChecks('- kind: Widget\n  kind: Gadget\n', 'c.yaml').problems).toEqual(['c.yaml:2: Map keys must be unique']);
    expect(parseHealthChecks('- apiVersion: v1\n  kind: Pod\n  current: [true]\n', 'd.yaml').problems).toEqual([
      'd.yaml:3: rule 1 (Pod): current must be a non-empty string',
    ]);
  });

  it('gives the worker one error naming the file and every problem, or a read error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cel-checks-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, '- apiVersion: example.com/v1\n  kind: Widget\n  current: status.phase ==\n');
    await expect(loadHealthChecksFile(file)).rejects.toThrow(new HealthChecksFileError(
      `health checks file ${file} is refused:\n  ${file}:3: rule 1 (example.com/Widget): current: Unexpected token: EOF`,
    ));
    await expect(loadHealthChecksFile(join(dir, 'missing.yaml'))).rejects.toThrow(/^cannot read health checks file .*missing\.yaml: ENOENT/);
  });
});

describe('compileCelPredicate', () => {
  it('sees the object as Flux does: top-level fields as variables, whole numbers as ints', () => {
    expect(compileCelPredicate('metadata.generation + 1 == 3 && status.replicas % 2 == 1').test(widget({ replicas: 3 }))).toBe(true);
    expect(compileCelPredicate("kind == 'Widget' && apiVersion.startsWith('example.com/')").test(widget())).toBe(true);
    expect(compileCelPredicate('status.ratio > 0.5').test(widget({ ratio: 0.75 }))).toBe(true);
  });

  it('reads a status no controller has written yet as an empty map', () => {
    expect(compileCelPredicate('has(status.phase)').test(widget())).toBe(false);
    expect(compileCelPredicate("status.?phase.orValue('') == ''").test(widget())).toBe(true);
    expect(() => compileCelPredicate("status.phase == 'Ready'").test(widget())).toThrow(/No such key: phase/);
  });

  it('refuses a result that is not a bool when evaluated', () => {
    expect(() => compileCelPredicate('status.ready').test(widget({ ready: 'True' }))).toThrow('status.ready gave the string "True", not a bool');
  });

  it('is sandboxed: no prototype, no globals, no functions beyond CEL', () => {
    expect(() => compileCelPredicate('status.constructor == null').test(widget({}))).toThrow(/No such key: constructor/);
    expect(() => compileCelPredicate('metadata.__proto__ == null').test(widget({}))).toThrow(/No such key: __proto__/);
    expect(() => compileCelPredicate('process.exit(1)')).toThrow(/Unknown variable: process/);
    expect(() => compileCelPredicate('eval("1") == 1')).toThrow(/eval/);
  });

  it('refuses oversized expressions when they are compiled', () => {
    const huge = Array.from({ length: 1_500 }, (_, i) => `status.a${i} == 1`).join(' || ');
    expect(() => compileCelPredicate(huge)).toThrow(/AST|nodes|limit/i);
  });

  it('gives the same answer on every evaluation (no clock, no state between calls)', () => {
    const predicate = compileCelPredicate("status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')");
    const ready = widget({ conditions: [{ type: 'Ready', status: 'True' }] });
    expect([1, 2, 3].map(() => predicate.test(ready))).toEqual([true, true, true]);
    expect(healthOf(ready)).toBeUndefined();
  });
});
