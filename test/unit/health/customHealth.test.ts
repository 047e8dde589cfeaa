// The pure half of custom health: Flux's order of the three expressions, the mapping onto
// hooksync's statuses, precedence over built-in rules, and what a throwing expression means for a
// resource and for a hook. Predicates are written by hand here; the CEL ones are tested in
// test/unit/worker/healthChecksFile.test.ts.
import {
  customHealthCheckFor, healthOf, hookCompletion, resourceCompletion,
  type CustomHealthCheck, type HealthPredicate, type LiveObject,
} from '../../../sync/health';
import { loadFixture } from './fixtures';

const phaseIs = (phase: string): HealthPredicate => ({
  text: `status.phase == '${phase}'`,
  test: (obj) => (obj.status as { phase?: string } | undefined)?.phase === phase,
});

const widgetCheck: CustomHealthCheck = {
  group: 'example.com', kind: 'Widget', origin: 'checks.yaml:3',
  inProgress: phaseIs('Pending'), failed: phaseIs('Broken'), current: phaseIs('Ready'),
};

function widget(status: Record<string, unknown> | undefined, apiVersion = 'example.com/v1'): LiveObject {
  return { apiVersion, kind: 'Widget', metadata: { name: 'w' }, ...(status ? { status } : {}) };
}

describe('custom health checks', () => {
  it('maps inProgress, failed and current onto Progressing, Degraded and Healthy', () => {
    expect(healthOf(widget({ phase: 'Pending' }), undefined, [widgetCheck])).toEqual({ status: 'Progressing', message: 'inProgress is true (health check at checks.yaml:3)' });
    expect(healthOf(widget({ phase: 'Broken' }), undefined, [widgetCheck])).toEqual({ status: 'Degraded', message: 'failed is true (health check at checks.yaml:3)' });
    expect(healthOf(widget({ phase: 'Ready' }), undefined, [widgetCheck])).toEqual({ status: 'Healthy', message: 'current is true (health check at checks.yaml:3)' });
  });

  it('takes the first true expression in Flux order: inProgress, then failed, then current', () => {
    const always: HealthPredicate = { text: 'true', test: () => true };
    const check: CustomHealthCheck = { ...widgetCheck, inProgress: always, failed: always, current: always };
    expect(healthOf(widget({}), undefined, [check])?.status).toBe('Progressing');
    expect(healthOf(widget({}), undefined, [{ ...check, inProgress: undefined }])?.status).toBe('Degraded');
    expect(healthOf(widget({}), undefined, [{ ...check, inProgress: undefined, failed: undefined }])?.status).toBe('Healthy');
  });

  it('reads as Progressing while no expression is true, naming where the rule was written', () => {
    expect(healthOf(widget({ phase: 'Other' }), undefined, [widgetCheck])).toEqual({
      status: 'Progressing', message: 'Waiting for one of the expressions of the health check at checks.yaml:3 to be true',
    });
  });

  it('matches by group and kind, whatever the version', () => {
    expect(customHealthCheckFor([widgetCheck], 'example.com/v2beta1', 'Widget')).toBe(widgetCheck);
    expect(customHealthCheckFor([widgetCheck], 'other.example.com/v1', 'Widget')).toBeUndefined();
    expect(customHealthCheckFor([widgetCheck], 'example.com/v1', 'Gadget')).toBeUndefined();
    expect(healthOf(widget({ phase: 'Ready' }))).toBeUndefined();
  });

  it('wins over the built-in rule of the same kind', () => {
    const job = loadFixture('job-running');
    const jobCheck: CustomHealthCheck = { group: 'batch', kind: 'Job', origin: 'checks.yaml:9', current: { text: 'true', test: () => true } };
    expect(healthOf(job)?.status).toBe('Progressing');
    expect(healthOf(job, undefined, [jobCheck])).toEqual({ status: 'Healthy', message: 'current is true (health check at checks.yaml:9)' });
  });

  it('still says Pending deletion first, as for built-in rules', () => {
    const deleting = { ...widget({ phase: 'Ready' }), metadata: { name: 'w', deletionTimestamp: '2026-03-04T10:15:16Z' } };
    expect(healthOf(deleting, undefined, [widgetCheck])).toEqual({ status: 'Progressing', message: 'Pending deletion' });
  });

  describe('an expression that throws', () => {
    const throwing: CustomHealthCheck = { ...widgetCheck, inProgress: { text: 'status.x', test: () => { throw new Error('No such key: x'); } } };

    it('keeps a resource waiting as Unknown, naming the expression and the rule', () => {
      expect(resourceCompletion(widget({}), [throwing])).toEqual({
        phase: 'Running', health: 'Unknown',
        message: 'failed to get resource health: inProgress of the health check at checks.yaml:3: No such key: x',
      });
    });

    it('ends a hook in Error', () => {
      expect(hookCompletion(widget({}), [throwing])).toEqual({
        phase: 'Error', message: 'failed to get resource health: inProgress of the health check at checks.yaml:3: No such key: x',
      });
    });
  });

  it('completes and fails resources and hooks like built-in verdicts', () => {
    expect(resourceCompletion(widget({ phase: 'Ready' }), [widgetCheck]).phase).toBe('Succeeded');
    expect(resourceCompletion(widget({ phase: 'Broken' }), [widgetCheck]).phase).toBe('Failed');
    expect(hookCompletion(widget({ phase: 'Pending' }), [widgetCheck]).phase).toBe('Running');
    expect(hookCompletion(widget({ phase: 'Broken' }), [widgetCheck]).phase).toBe('Failed');
  });
});
