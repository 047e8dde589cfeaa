import { hookName, isValidHookName, MAX_HOOK_NAME_LENGTH, type HookNameInput } from '../../../sync/hookName';

const base: HookNameInput = { syncId: '01J9ZQ4C7MX3R8T2V6W5Y1K0PA', attempt: 0, phase: 'PreSync', generateName: 'migrate-', identity: 'job-1' };

describe('hookName', () => {
  test('R4.2 the name is the generateName, the phase and a short hash', () => {
    expect(hookName(base)).toMatch(/^migrate-presync-[0-9a-z]{8}$/);
  });

  test('R4.2 the same inputs always give the same name (a retried activity finds its object)', () => {
    expect(hookName({ ...base })).toBe(hookName(base));
  });

  test.each<[string, Partial<HookNameInput>]>([
    ['R4.2 another phase gives another name (R1.6: one object per phase)', { phase: 'PostSync' }],
    ['R4.2 another sync gives another name', { syncId: '01J9ZQ4C7MX3R8T2V6W5Y1K0PB' }],
    ['R4.2 another attempt gives another name (a retry creates fresh hooks, DESIGN §4)', { attempt: 1 }],
    ['R4.2 another manifest with the same generateName gives another name (argo-cd#9184)', { identity: 'job-2' }],
  ])('%s', (_name, change) => {
    expect(hookName({ ...base, ...change })).not.toBe(hookName(base));
  });

  test('R4.2 a retry attempt is visible in the name', () => {
    expect(hookName({ ...base, attempt: 2, phase: 'SyncFail' })).toMatch(/^migrate-syncfail-a2-[0-9a-z]{8}$/);
  });

  test('R4.2 names stay within 63 characters and valid DNS-1123 for every prefix length', () => {
    for (let length = 1; length <= 120; length++) {
      const generateName = `${'ab-c.d'.repeat(20).slice(0, length - 1)}x-`;
      const name = hookName({ ...base, phase: 'PostSync', attempt: 12, generateName });
      expect(name.length).toBeLessThanOrEqual(MAX_HOOK_NAME_LENGTH);
      expect(isValidHookName(name)).toBe(true);
    }
  });

  test('R4.2 a long generateName is cut at a dash, and two long ones sharing a prefix still differ', () => {
    const long = 'a-rather-long-prefix-for-a-database-migration-job-';
    const one = hookName({ ...base, generateName: long });
    const two = hookName({ ...base, generateName: `${long.slice(0, -1)}2-` });
    expect(one).toMatch(/^a-rather-long-prefix-for-a-database-migration-presync-[0-9a-z]{8}$/);
    expect(one.length).toBeLessThanOrEqual(MAX_HOOK_NAME_LENGTH);
    const fits = `${'x'.repeat(46)}-`;
    const whole = hookName({ ...base, generateName: fits });
    expect(whole).toMatch(new RegExp(`^${fits}presync-[0-9a-z]{8}$`));
    expect(whole).toHaveLength(MAX_HOOK_NAME_LENGTH);
    expect(two).not.toBe(one);
  });

  test('R4.2 no collisions among many hooks of one sync', () => {
    const names = new Set<string>();
    for (let i = 0; i < 5000; i++) names.add(hookName({ ...base, identity: `manifest-${i}` }));
    expect(names.size).toBe(5000);
  });

  test.each([
    ['Migrate-presync-abc', false],
    ['-migrate', false],
    ['migrate.-x', false],
    ['a'.repeat(64), false],
    ['db.migrate-presync-0a', true],
  ])('isValidHookName(%j) is %s', (name, valid) => {
    expect(isValidHookName(name)).toBe(valid);
  });
});
