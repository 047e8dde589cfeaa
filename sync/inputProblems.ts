// The sync workflow's input, checked before anything runs. The CLI and library build a valid one;
// anyone starting the workflow by hand (the Temporal UI, another SDK) might not. A malformed input
// must end the workflow with a failure that says what is wrong, not fail its first task for ever.
import { retryPolicyProblems } from './autoRetry';
import { isInventory } from './inventory';
import { isSyncOptions } from './syncOptions';

type Check = [ok: boolean, problem: string];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SELECTOR_FIELDS = ['group', 'kind', 'namespace', 'name'];
const isSelector = (s: unknown) => isRecord(s) && SELECTOR_FIELDS.every((f) => typeof s[f] === 'string') && typeof s.exclude === 'boolean';
const isSelection = (v: unknown) => isRecord(v) && Array.isArray(v.selectors) && v.selectors.every(isSelector) && Array.isArray(v.skippedHooks);

const nonEmptyString = (v: unknown) => typeof v === 'string' && v.length > 0;

/** Options are optional on the plan and on each task; when there, they hold what the parser gives. */
function syncOptionsValid(plan: Record<string, unknown>): boolean {
  const groups = Array.isArray(plan.groups) ? (plan.groups as unknown[]) : [];
  const tasks = groups.flatMap((g) => (isRecord(g) && Array.isArray(g.tasks) ? (g.tasks as unknown[]) : []));
  const optional = (v: unknown) => v === undefined || isSyncOptions(v);
  return optional(plan.syncOptions) && tasks.every((t) => !isRecord(t) || optional(t.syncOptions));
}

/** What is wrong with `input` as a sync workflow's input; empty when nothing is. */
export function inputProblems(input: unknown): string[] {
  if (!isRecord(input)) return ['the input must be one object (SyncInput)'];
  const plan = input.plan;
  const groups = isRecord(plan) ? plan.groups : undefined;
  const checks: Check[] = [
    [nonEmptyString(input.syncId), 'syncId must be a non-empty string'],
    [nonEmptyString(input.app), 'app must be a non-empty string'],
    [nonEmptyString(input.cluster), 'cluster must be a non-empty string'],
    [Number.isInteger(input.attempt) && (input.attempt as number) >= 0, 'attempt must be a whole number from 0'],
    [typeof input.prune === 'boolean', 'prune must be true or false'],
    [!isRecord(plan) || plan.selection === undefined || isSelection(plan.selection), 'plan.selection must hold a list of selectors, each with string group, kind, namespace and name and a boolean exclude'],
    [input.selectivePrune === undefined || (typeof input.selectivePrune === 'boolean' && isRecord(plan) && isRecord(plan.selection)), 'selectivePrune must be true or false, and only with plan.selection'],
    [isRecord(plan), 'plan must be an object (a SyncPlan from planSync)'],
    [!isRecord(plan) || (Array.isArray(groups) && groups.every((g) => isRecord(g) && Array.isArray(g.tasks))), 'plan.groups must be a list of groups, each with a list of tasks'],
    [!isRecord(plan) || Array.isArray(plan.skippedPrunes), 'plan.skippedPrunes must be a list'],
    [!isRecord(plan) || syncOptionsValid(plan), 'plan.syncOptions and every task\'s syncOptions must map known sync option names to their values (README, Sync options)'],
    [input.inventory === undefined || isInventory(input.inventory), 'inventory must be a list of kinds, each with a non-empty apiVersion and kind'],
    [input.autoRetry === undefined || isAutoRetry(input.autoRetry), 'autoRetry must hold a policy (limit, backoffSeconds above 0, factor from 1, maxBackoffSeconds above 0) and retried, a whole number from 0'],
    [input.syncOptions === undefined || (Array.isArray(input.syncOptions) && input.syncOptions.every((o) => typeof o === 'string')), 'syncOptions must be a list of strings'],
    [input.timeoutSeconds === undefined || (typeof input.timeoutSeconds === 'number' && input.timeoutSeconds > 0), 'timeoutSeconds must be a number above 0'],
    [input.waveDelaySeconds === undefined || (typeof input.waveDelaySeconds === 'number' && Number.isFinite(input.waveDelaySeconds) && input.waveDelaySeconds >= 0), 'waveDelaySeconds must be a number from 0'],
  ];
  return checks.filter(([ok]) => !ok).map(([, problem]) => problem);
}

function isAutoRetry(value: unknown): boolean {
  return isRecord(value) && retryPolicyProblems(value.policy).length === 0 && Number.isInteger(value.retried) && (value.retried as number) >= 0;
}
