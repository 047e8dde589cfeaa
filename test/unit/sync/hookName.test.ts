import { hookName, isValidHookName, MAX_HOOK_NAME_LENGTH, unnamedHookName, type HookNameInput, type UnnamedHookNameInput } from '../../../sync/hookName';

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

describe('unnamedHookName (a hook with neither name nor generateName, TestAutomaticallyNamingUnnamedHook)', () => {
  const unnamed: UnnamedHookNameInput = { phase: 'PreSync', kind: 'Job', identity: 'job-1' };

  test('the name is the kind, the phase and a short hash: it says which phase it ran in, as Argo CD\'s does', () => {
    expect(unnamedHookName(unnamed)).toMatch(/^job-presync-[0-9a-z]{8}$/);
    expect(unnamedHookName({ ...unnamed, phase: 'PostSync' })).toMatch(/^job-postsync-[0-9a-z]{8}$/);
  });

  test('no sync id and no attempt among its inputs: every sync of the same manifest gives the same name', () => {
    expect(unnamedHookName({ ...unnamed })).toBe(unnamedHookName(unnamed));
  });

  test.each<[string, Partial<UnnamedHookNameInput>]>([
    ['another phase gives another name (R1.6: one object per phase)', { phase: 'PostSync' }],
    ['another manifest of the same kind gives another name', { identity: 'job-2' }],
  ])('%s', (_name, change) => {
    expect(unnamedHookName({ ...unnamed, ...change })).not.toBe(unnamedHookName(unnamed));
  });

  test('it never equals the name generateName would give the same manifest', () => {
    expect(unnamedHookName(unnamed)).not.toBe(hookName({ ...base, generateName: 'job-', identity: unnamed.identity }));
  });

  test('a long kind is cut so that the name stays a valid 63-character name', () => {
    const name = unnamedHookName({ ...unnamed, kind: `Very${'Long'.repeat(30)}Kind`, phase: 'SyncFail' });
    expect(name.length).toBeLessThanOrEqual(MAX_HOOK_NAME_LENGTH);
    expect(isValidHookName(name)).toBe(true);
    expect(name).toMatch(/^verylong[a-z]*-syncfail-[0-9a-z]{8}$/);
  });

  test('no collisions among many unnamed hooks of one sync', () => {
    const names = new Set<string>();
    for (let i = 0; i < 5000; i++) names.add(unnamedHookName({ ...unnamed, identity: `manifest-${i}` }));
    expect(names.size).toBe(5000);
  });
});
