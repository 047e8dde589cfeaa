// --resource selectors, read and matched as `argocd app sync --resource` reads them
// (cmd/argocd/commands/app.go parseSelectedResources, SyncOperationResource.Compare, IncludeResource).
import {
  formatSelector, isSelected, parseResourceSelector, selectorMatches, selectsNothing, unmatchedSelectors,
  type Candidate, type ResourceSelector, type SelectableRef,
} from '../../../sync/resourceSelector';

function parse(text: string): ResourceSelector {
  const parsed = parseResourceSelector(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.selector;
}

function errorOf(text: string): string {
  const parsed = parseResourceSelector(text);
  if (!('error' in parsed)) throw new Error(`${text} parsed as ${formatSelector(parsed.selector)}`);
  return parsed.error;
}

const ref = (group: string, kind: string, namespace: string, name: string): SelectableRef => ({ group, kind, namespace, name });
const web = ref('apps', 'Deployment', 'shop', 'web');
const svc = ref('', 'Service', 'shop', 'web');
const config = ref('', 'ConfigMap', 'shop', 'app-config');
const ns = ref('', 'Namespace', '', 'shop');

describe('parseResourceSelector', () => {
  test.each([
    [':Service:web', { group: '', kind: 'Service', namespace: '', name: 'web', exclude: false }],
    ['apps:Deployment:shop/web', { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web', exclude: false }],
    ['argoproj.io:Rollout:my-rollout', { group: 'argoproj.io', kind: 'Rollout', namespace: '', name: 'my-rollout', exclude: false }],
    ['!*:Service:*', { group: '*', kind: 'Service', namespace: '', name: '*', exclude: true }],
    ['Service:shop/web', { group: '', kind: 'Service', namespace: 'shop', name: 'web', exclude: false }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  test('the short form KIND:NAME is the core group, as :KIND:NAME is', () => {
    expect(parse('ConfigMap:app-config')).toEqual(parse(':ConfigMap:app-config'));
  });

  test.each([
    ['web', /two or three fields separated by ":" \(found 1\)/],
    ['a:b:c:d', /found 4/],
    ['apps::web', /KIND is empty/],
    [':Service:', /NAME is empty \(write \* to match every name\)/],
    [':Service:shop/', /NAME is empty/],
    [':Service:/web', /the NAMESPACE before "\/" is empty \(write :Service:web to match web in every namespace\)/],
    [':Service:a/b/c', /more than one "\/"/],
  ])('%s is refused, saying why', (text, why) => {
    expect(errorOf(text)).toMatch(why);
    expect(errorOf(text)).toContain(`--resource "${text}"`);
  });

  test('formatSelector writes every field out, so that it reads back the same', () => {
    for (const text of [':Service:web', 'apps:Deployment:shop/web', '!*:*:shop/*']) expect(formatSelector(parse(text))).toBe(text);
    expect(formatSelector(parse('Service:web'))).toBe(':Service:web');
  });
});

describe('selectorMatches', () => {
  test('an empty group is the core group, not any group', () => {
    expect(selectorMatches(parse(':Service:web'), svc)).toBe(true);
    expect(selectorMatches(parse(':Deployment:web'), web)).toBe(false);
    expect(selectorMatches(parse('*:Deployment:web'), web)).toBe(true);
  });

  test('no namespace matches every namespace; a namespace matches only itself', () => {
    expect(selectorMatches(parse('apps:Deployment:web'), web)).toBe(true);
    expect(selectorMatches(parse('apps:Deployment:shop/web'), web)).toBe(true);
    expect(selectorMatches(parse('apps:Deployment:other/web'), web)).toBe(false);
    expect(selectorMatches(parse('apps:Deployment:*/web'), web)).toBe(true);
  });

  test('a cluster-scoped object is matched without a namespace, not with one', () => {
    expect(selectorMatches(parse(':Namespace:shop'), ns)).toBe(true);
    expect(selectorMatches(parse(':Namespace:shop/shop'), ns)).toBe(false);
  });

  test('kind and name are compared exactly (case counts), * stands for a whole field only', () => {
    expect(selectorMatches(parse(':service:web'), svc)).toBe(false);
    expect(selectorMatches(parse(':Service:we*'), svc)).toBe(false);
    expect(selectorMatches(parse(':*:web'), svc)).toBe(true);
  });

  test('the ! of an exclude does not change what it names', () => {
    expect(selectorMatches(parse('!:Service:web'), svc)).toBe(true);
  });
});

describe('isSelected (include first, then an exclude wins)', () => {
  const selected = (texts: string[], r: SelectableRef) => isSelected(texts.map(parse), r);

  test('includes pick only what they name', () => {
    expect(selected([':Service:web'], svc)).toBe(true);
    expect(selected([':Service:web'], web)).toBe(false);
    expect(selected([':Service:web', 'apps:Deployment:web'], web)).toBe(true);
  });

  test('excludes alone pick everything else', () => {
    expect(selected(['!:Service:*'], web)).toBe(true);
    expect(selected(['!:Service:*'], svc)).toBe(false);
  });

  test('an object both included and excluded is not selected', () => {
    expect(selected(['*:*:shop/*', '!apps:Deployment:web'], web)).toBe(false);
    expect(selected(['*:*:shop/*', '!apps:Deployment:web'], config)).toBe(true);
  });
});

describe('unmatchedSelectors: what a selector that matches nothing could have meant', () => {
  const resources: Candidate[] = [web, svc, config, ns].map((r) => ({ ref: r, hookPhases: [] }));
  const hook: Candidate = { ref: ref('batch', 'Job', 'shop', 'migrate'), hookPhases: ['PreSync', 'PostSync'] };
  const unmatched = (...texts: string[]) => unmatchedSelectors(texts.map(parse), [...resources, hook]);

  test('selectors that match a resource give no problem', () => {
    expect(unmatched(':Service:web', 'apps:Deployment:shop/web', '!:ConfigMap:*', '*:*:*')).toEqual([]);
  });

  test('the core group for a kind of another group: the right group is suggested, the rest kept as written', () => {
    expect(unmatched(':Deployment:web')).toEqual(['--resource :Deployment:web matches no resource in the manifests: did you mean apps:Deployment:web?']);
    expect(unmatched('!:Deployment:*')[0]).toMatch(/did you mean !apps:Deployment:\*\?$/);
  });

  test('the wrong case or namespace: the object as it is spelt', () => {
    expect(unmatched(':configmap:app-config')[0]).toMatch(/did you mean :ConfigMap:app-config\?$/);
    expect(unmatched('apps:Deployment:prod/web')[0]).toMatch(/did you mean apps:Deployment:shop\/web\?$/);
    expect(unmatched(':Namespace:default/shop')[0]).toMatch(/did you mean :Namespace:shop\?$/);
  });

  test('a name the kind does not have: the objects of that kind', () => {
    expect(unmatched(':ConfigMap:app-cfg')[0]).toMatch(/did you mean :ConfigMap:app-config\?$/);
  });

  test('at most three hints, each once', () => {
    const many: Candidate[] = ['a', 'b', 'c', 'd'].map((name) => ({ ref: ref('', 'Secret', 'shop', name), hookPhases: [] }));
    expect(unmatchedSelectors([parse(':Secret:z')], many)).toEqual(['--resource :Secret:z matches no resource in the manifests: did you mean :Secret:a or :Secret:b or :Secret:c?']);
    expect(unmatchedSelectors([parse('apps:Secret:*')], many)).toEqual(['--resource apps:Secret:* matches no resource in the manifests: did you mean :Secret:*?']);
  });

  test('a kind the manifests do not have: their kinds', () => {
    expect(unmatched(':Secret:db')).toEqual([
      '--resource :Secret:db matches no resource in the manifests: the manifests have no resource of kind Secret (the kinds they have: ConfigMap, Deployment, Namespace, Service)',
    ]);
  });

  test('a hook named by its generateName, with or without the trailing dash', () => {
    const generated: Candidate = { ref: ref('batch', 'Job', 'shop', 'smoke-postsync-1a2b3c4d'), hookPhases: ['PostSync'], generateName: 'smoke-' };
    for (const text of ['batch:Job:smoke', 'batch:Job:smoke-']) {
      expect(unmatchedSelectors([parse(text)], [...resources, generated])[0]).toMatch(/it names PostSync hook Job shop\/smoke-postsync-1a2b3c4d, and a selective sync runs no hooks/);
    }
  });

  test('a hook: a selective sync runs none, as in Argo CD', () => {
    expect(unmatched('batch:Job:migrate')).toEqual([
      '--resource batch:Job:migrate matches no resource in the manifests: it names PreSync,PostSync hook Job shop/migrate, and a selective sync runs no hooks (as in Argo CD); sync without --resource to run them',
    ]);
  });

  test('an exclude must match too: a misspelt one would sync what it meant to keep out', () => {
    expect(unmatched('!:Secret:db-pasword')).toHaveLength(1);
    expect(unmatched('!:Secret:db-pasword')[0]).toMatch(/^--resource !:Secret:db-pasword matches no resource/);
  });

  test('selectors that each match but together select nothing', () => {
    const candidates = [...resources, hook];
    expect(selectsNothing([':Service:web', '!:Service:*'].map(parse), candidates)).toBe(true);
    expect(selectsNothing([':Service:web', '!:ConfigMap:*'].map(parse), candidates)).toBe(false);
    expect(selectsNothing([], candidates)).toBe(false);
  });
});
