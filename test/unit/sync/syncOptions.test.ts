import { formatPlanText, planToJson } from '../../../sync/formatPlan';
import { planSync, type PlanOptions } from '../../../sync/planSync';
import { formatProblem, formatWarning } from '../../../sync/problems';
import { pruneTasks } from '../../../sync/pruneTasks';
import {
  formatSyncOptions, liveSyncOptions, mergeSyncOptions, parseObjectSyncOptions, parseSyncOptionFlags, parseSyncOptionList, syncOptionOf, taskSyncOptions,
} from '../../../sync/syncOptions';
import { planTasks } from '../../../sync/types';
import { withPrunes } from '../../../sync/withPrunes';
import { skipsDryRunOnMissing } from '../../../sync/dryRunScope';
import { manifest } from './manifests';

const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const withOptions = (name: string, value: unknown) => manifest('ConfigMap', name, { annotations: { [SYNC_OPTIONS]: value } });
const options: PlanOptions = { syncId: 'plan', attempt: 0, defaultNamespace: 'apps' };

describe('parseSyncOptionList', () => {
  test('reads every known option, trimmed, and keys them in plan order', () => {
    const { options: parsed, errors } = parseSyncOptionList(' Validate=false , Replace=true,Prune=confirm,,ServerSideApply=true');
    expect(errors).toEqual([]);
    expect(Object.keys(parsed)).toEqual(['Replace', 'ServerSideApply', 'Validate', 'Prune']);
    expect(parsed).toEqual({ Replace: 'true', ServerSideApply: 'true', Validate: 'false', Prune: 'confirm' });
  });

  test('an unknown name, an unknown value and an item without "=" are each an error', () => {
    const { options: parsed, errors } = parseSyncOptionList('Replce=true,Replace=ture,PruneLast,Force=true');
    expect(parsed).toEqual({ Force: 'true' });
    expect(errors.map((e) => [e.token, e.message])).toEqual([
      ['Replce=true', 'unknown sync option (did you mean Replace?)'],
      ['Replace=ture', 'unknown value for sync option Replace'],
      ['PruneLast', 'not an option: write Name=value'],
    ]);
    expect(errors[0].allowed).toContain('Replace=true');
    expect(errors[0].allowed).toContain('Prune=confirm');
    expect(errors[1].allowed).toEqual(['Replace=true', 'Replace=false']);
  });

  test('case mistakes get a hint: names and values are case-sensitive, as in Argo CD', () => {
    const { errors } = parseSyncOptionList('replace=true,Validate=False');
    expect(errors.map((e) => e.message)).toEqual([
      'unknown sync option (did you mean Replace? names are case-sensitive)',
      'unknown value for sync option Validate (did you mean false? values are case-sensitive)',
    ]);
  });

  test('one option set twice to different values is an error; the same value twice is not', () => {
    expect(parseSyncOptionList('Replace=true,Replace=true').errors).toEqual([]);
    const { options: parsed, errors } = parseSyncOptionList('Replace=true,Replace=false');
    expect(parsed).toEqual({ Replace: 'true' });
    expect(errors.map((e) => e.message)).toEqual(['Replace is already set to true in the same list']);
  });
});

describe('parseObjectSyncOptions', () => {
  test('a bad item is a problem naming file:line, object, annotation and the valid values', () => {
    const parsed = parseObjectSyncOptions(withOptions('web', 'Replace=true,DryRun=skip'));
    expect(parsed.value).toEqual({ Replace: 'true' });
    expect(parsed.problems).toHaveLength(1);
    const line = formatProblem(parsed.problems[0]);
    expect(line).toMatch(/^app\.yaml:1 \(document \d+\): ConfigMap web: metadata\.annotations\["argocd\.argoproj\.io\/sync-options"\]: unknown sync option \(found "DryRun=skip"\); allowed: Replace=true, /);
    expect(line).toContain('SkipDryRunOnMissingResource=true');
  });

  test('a value that is not a string is a problem, as for every annotation', () => {
    expect(parseObjectSyncOptions(withOptions('web', true)).problems.map((p) => p.message)).toEqual(['annotation values must be strings: quote the value in YAML']);
  });

  test('CreateNamespace on an object is ignored with a warning: it belongs to the whole sync', () => {
    const parsed = parseObjectSyncOptions(withOptions('web', 'CreateNamespace=true,Validate=false'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toEqual({ Validate: 'false' });
    expect(parsed.warnings.map(formatWarning)[0]).toContain('CreateNamespace applies to a whole sync, not to one object: ignored here (use --sync-option CreateNamespace=true)');
  });

  test('no annotation: no options', () => {
    expect(parseObjectSyncOptions(manifest('ConfigMap', 'web'))).toEqual({ value: {}, problems: [], warnings: [] });
  });
});

describe('parseSyncOptionFlags', () => {
  test('repeated flags and comma lists add up', () => {
    expect(parseSyncOptionFlags(['Replace=true', 'Validate=false,PruneLast=true'])).toEqual({ options: { Replace: 'true', Validate: 'false', PruneLast: 'true' }, problems: [] });
  });

  test('a bad flag names the flag, the value found and the valid values', () => {
    const { problems } = parseSyncOptionFlags(['Force=yes']);
    expect(problems).toEqual(['--sync-option: unknown value for sync option Force (found "Force=yes"); allowed: Force=true, Force=false']);
  });
});

describe('mergeSyncOptions', () => {
  test("the object's own option wins over the sync's, option by option", () => {
    expect(mergeSyncOptions({ Validate: 'false', Replace: 'true' }, { Validate: 'true' })).toEqual({ Replace: 'true', Validate: 'true' });
  });

  test('CreateNamespace stays with the sync: no task carries it', () => {
    expect(mergeSyncOptions({ CreateNamespace: 'true', Force: 'true' }, undefined)).toEqual({ Force: 'true' });
  });

  test('prints as Name=value in plan order', () => {
    expect(formatSyncOptions(mergeSyncOptions({ PruneLast: 'true' }, { Replace: 'true' }))).toEqual(['Replace=true', 'PruneLast=true']);
  });
});

describe('live objects and planned tasks', () => {
  test('a live object is read leniently: what we do not know is left out', () => {
    const live = withOptions('old', 'Prune=false,Bogus=1').object;
    expect(liveSyncOptions(live)).toEqual({ Prune: 'false' });
    expect(syncOptionOf(live, 'Prune')).toBe('false');
    expect(syncOptionOf(withOptions('c', 'Prune=confirm').object, 'Prune')).toBe('confirm');
    expect(syncOptionOf(live, 'Delete')).toBeUndefined();
  });

  test('a task planned before tasks carried options falls back to its annotation', () => {
    const object = withOptions('cr', 'SkipDryRunOnMissingResource=true').object;
    expect(taskSyncOptions({ object })).toEqual({ SkipDryRunOnMissingResource: 'true' });
    expect(taskSyncOptions({ object, syncOptions: { Replace: 'true' } })).toEqual({ Replace: 'true' });
  });
});

describe('planSync with sync options', () => {
  test('each task carries its effective options; the plan keeps the sync’s', () => {
    const { plan, problems } = planSync([withOptions('own', 'Validate=true,Replace=true'), manifest('ConfigMap', 'plain')], { ...options, syncOptions: { Validate: 'false' } });
    expect(problems).toEqual([]);
    expect(plan.syncOptions).toEqual({ Validate: 'false' });
    expect(planTasks(plan).map((t) => [t.ref.name, t.syncOptions])).toEqual([
      ['own', { Replace: 'true', Validate: 'true' }],
      ['plain', { Validate: 'false' }],
    ]);
  });

  test('no options anywhere: neither tasks nor plan carry the field', () => {
    const { plan } = planSync([manifest('ConfigMap', 'plain')], options);
    expect('syncOptions' in plan).toBe(false);
    expect('syncOptions' in planTasks(plan)[0]).toBe(false);
  });

  test('an unknown option in an object stops the plan', () => {
    const { plan, problems } = planSync([withOptions('web', 'Replace=yes')], options);
    expect(plan.groups).toEqual([]);
    expect(problems.map((p) => [p.object, p.value, p.allowed])).toEqual([['ConfigMap apps/web', 'Replace=yes', ['Replace=true', 'Replace=false']]]);
  });

  test('CreateNamespace=true for the sync is --create-namespace', () => {
    const { plan } = planSync([manifest('ConfigMap', 'a')], { ...options, syncOptions: { CreateNamespace: 'true' } });
    expect(planTasks(plan).map((t) => [t.ref.kind, t.ref.name, t.createOnly ?? false])).toEqual([['Namespace', 'apps', true], ['ConfigMap', 'a', false]]);
  });

  test('SkipDryRunOnMissingResource=true for the sync lets every object by', () => {
    const { plan } = planSync([manifest('ConfigMap', 'a')], { ...options, syncOptions: { SkipDryRunOnMissingResource: 'true' } });
    expect(skipsDryRunOnMissing(planTasks(plan)[0])).toBe(true);
  });

  test('plan text, JSON and their per-sync line show the options', () => {
    const { plan } = planSync([withOptions('own', 'Replace=true')], { ...options, syncOptions: { Validate: 'false' } });
    expect(formatPlanText(plan)).toContain('sync-options=Replace=true,Validate=false');
    expect(formatPlanText(plan)).toContain('sync options of the whole sync: Validate=false');
    const json = planToJson(plan);
    expect(json.syncOptions).toEqual(['Validate=false']);
    expect(json.tasks[0].syncOptions).toEqual(['Replace=true', 'Validate=false']);
  });
});

describe('prunes read Prune=false and PruneLast=true through the parser', () => {
  const live = (name: string, value?: string) => ({ ...manifest('ConfigMap', name, { namespace: 'apps', annotations: value ? { [SYNC_OPTIONS]: value } : undefined }).object, metadata: { name, namespace: 'apps', uid: name, ...(value ? { annotations: { [SYNC_OPTIONS]: value } } : {}) } });
  const desired = planTasks(planSync([manifest('ConfigMap', 'kept', { annotations: { 'argocd.argoproj.io/sync-wave': '2' } })], options).plan);

  test('per object, as before', () => {
    const prunes = pruneTasks({ enabled: true, live: [live('keep-me', 'Prune=false'), live('late', 'PruneLast=true'), live('plain')] }, desired);
    expect(prunes.skipped.map((s) => [s.ref.name, s.message])).toEqual([['keep-me', 'ignored (no prune)']]);
    expect(prunes.tasks.map((t) => [t.ref.name, t.wave])).toEqual([['late', 3], ['plain', 0]]);
  });

  test('per sync (carried by the plan into the workflow), each object still able to override', () => {
    const plan = { groups: [{ phase: 'Sync' as const, wave: 2, tasks: desired }], skippedPrunes: [], warnings: [], syncOptions: { PruneLast: 'true' as const } };
    const withLive = withPrunes(plan, { enabled: true, live: [live('a'), live('b', 'PruneLast=false')] });
    expect(planTasks(withLive).filter((t) => t.prune).map((t) => [t.ref.name, t.wave])).toEqual([['b', 0], ['a', 3]]);
    const noPrune = withPrunes({ ...plan, syncOptions: { Prune: 'false' } }, { enabled: true, live: [live('a'), live('b', 'Prune=true')] });
    expect(noPrune.skippedPrunes.map((s) => s.ref.name)).toEqual(['a']);
    expect(planTasks(noPrune).filter((t) => t.prune).map((t) => t.ref.name)).toEqual(['b']);
  });
});
