// How one input's text is read: YAML 1.1 scalars as kubectl reads them, merge keys, aliases, and
// every construct that is rejected, each with the exact message a user would see.

import { MAX_DOCUMENTS_PER_INPUT, MAX_KEYS_PER_MAPPING, MAX_NESTING_DEPTH, formatLoadProblems, loadManifestText }
  from '../../../client/manifests';

const header = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';

/** The `data` of the single object a text yields, failing with the problems when there are any. */
function dataOf(body: string): unknown {
  const { manifests, problems } = loadManifestText(`${header}data:\n${body}`, 'in.yaml');
  expect(formatLoadProblems(problems)).toBe('');
  expect(manifests).toHaveLength(1);
  return manifests[0]?.object.data;
}

/** The problems of a text, and the names of the objects that still loaded from it. */
function problemsOf(text: string): { problems: string[]; loaded: string[] } {
  const { manifests, problems } = loadManifestText(text, 'in.yaml');
  return { problems: formatLoadProblems(problems).split('\n'), loaded: manifests.map((m) => m.object.metadata.name ?? '') };
}

describe('YAML 1.1 scalars, as kubectl reads them', () => {
  test.each([
    { name: 'leading-zero octal', yaml: '  v: 0400', value: 256 },
    { name: 'octal 0644', yaml: '  v: 0644', value: 420 },
    { name: 'hex and binary', yaml: '  v: [0x1F, 0b101]', value: [31, 5] },
    { name: 'underscores in numbers', yaml: '  v: 1_000', value: 1000 },
    { name: 'yes/no/on/off/y/n booleans', yaml: '  v: [yes, No, ON, off, y, N, True]', value: [true, false, true, false, true, false, true] },
    { name: 'quoted octal stays text', yaml: '  v: "0400"', value: '0400' },
    { name: '!!str keeps text', yaml: '  v: !!str 0400', value: '0400' },
    { name: 'sexagesimal stays text (go-yaml has no base 60)', yaml: '  v: 1:30', value: '1:30' },
    { name: 'dates stay text', yaml: '  v: 2001-12-14', value: '2001-12-14' },
    { name: 'null forms', yaml: '  v: [~, null, Null]', value: [null, null, null] },
    { name: 'key y is the boolean true, as for kubectl', yaml: '  v: {y: 1}', value: { true: 1 } },
  ])('$name', ({ yaml, value }) => {
    expect(dataOf(yaml)).toEqual({ v: value });
  });
});

describe('values built from anchors and merge keys', () => {
  test('an alias is a copy: changing one object leaves the other alone', () => {
    const data = dataOf('  a: &x {k: [1]}\n  b: *x\n') as Record<string, { k: number[] }>;
    expect(data.b).toEqual({ k: [1] });
    data.a?.k.push(2);
    expect(data.b).toEqual({ k: [1] });
  });

  test('a "__proto__" key is an own field, not a prototype', () => {
    const data = dataOf('  __proto__: {polluted: true}\n') as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['__proto__']);
    expect((data as { polluted?: unknown }).polluted).toBeUndefined();
  });

  test('a quoted "<<" is an ordinary key', () => {
    expect(dataOf('  "<<": text\n')).toEqual({ '<<': 'text' });
  });
});

const rejected: { name: string; text: string; problems: string[]; loaded?: string[] }[] = [
  ...[
    ['0o17', 'kubectl reads this as a number but YAML 1.1 as text; quote it for text or write it in decimal (found "0o17")'],
    ['0X1F', 'kubectl reads this as a number but YAML 1.1 as text; quote it for text or write it in decimal (found "0X1F")'],
    ['12345678901234567890', 'number beyond 2^53 would lose digits; quote it if it is an identifier (found "12345678901234567890")'],
    ['.inf', 'JSON has no infinity or NaN, so Kubernetes cannot receive it; quote it for text (found ".inf")'],
  ].map(([value, message]) => ({
    name: `scalar ${value}`,
    text: `${header}data:\n  v: ${value}\n`,
    problems: [`in.yaml:6 (document 1): ConfigMap cm: data.v: ${message}`],
  })),
  {
    name: 'a Secret never has its data quoted in a message',
    text: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  token: 0o123\n',
    problems: ['in.yaml:5 (document 1): Secret s: stringData.token: kubectl reads this as a number but YAML 1.1 as text; quote it for text or write it in decimal'],
  },
  {
    name: 'duplicate key, and two spellings of the same boolean key',
    text: `${header}data:\n  a: 1\n  a: 2\nlabels: {yes: x, y: z}\n`,
    problems: [
      'in.yaml:7 (document 1): ConfigMap cm: data.a: duplicate key (first at line 6): keep only one',
      'in.yaml:8 (document 1): ConfigMap cm: labels.true: duplicate key (first at line 8): keep only one',
    ],
  },
  {
    name: 'a key above "<<" that the merge also sets: parsers disagree, so it is refused',
    text: `${header}base: &b {a: 1}\ndata:\n  a: 2\n  <<: *b\n`,
    problems: ['in.yaml:8 (document 1): ConfigMap cm: data["<<"]: key "a" is written above "<<" and also merged; YAML parsers disagree on which wins: put "<<" first'],
  },
  {
    name: 'two merge keys in one mapping, and merges of things that are not mappings',
    text: `${header}list: &l [1]\ndata:\n  <<: {a: 1}\n  <<: {b: 1}\nmore:\n  <<: 5\nlast:\n  <<: *l\n`,
    problems: [
      'in.yaml:8 (document 1): ConfigMap cm: data: more than one "<<" in this mapping: merge them in one, as "<<: [*a, *b]"',
      'in.yaml:10 (document 1): ConfigMap cm: more["<<"]: "<<" takes a mapping, an alias of one, or a list of those',
      'in.yaml:12 (document 1): ConfigMap cm: last["<<"]: "<<" takes a mapping, an alias of one, or a list of those',
    ],
  },
  {
    name: 'an alias without an anchor above it, a mapping as a key, a null key',
    text: `${header}data:\n  a: *nowhere\n  ? [x]\n  : 1\n  ~: 2\n`,
    problems: [
      'in.yaml:6 (document 1): ConfigMap cm: data.a: alias *nowhere has no anchor &nowhere above it',
      'in.yaml:7 (document 1): ConfigMap cm: data: a mapping key must be a plain value, not a mapping or a list',
      'in.yaml:9 (document 1): ConfigMap cm: data: a mapping key must not be empty or null: quote it',
    ],
  },
  {
    name: 'too many keys in one mapping (the parser\'s own check is quadratic)',
    text: `${header}data:\n${Array.from({ length: MAX_KEYS_PER_MAPPING + 1 }, (_, i) => `  k${i}: v`).join('\n')}\n`,
    problems: [`in.yaml:6 (document 1): ConfigMap cm: data: mapping has ${MAX_KEYS_PER_MAPPING + 1} keys, more than the ${MAX_KEYS_PER_MAPPING} allowed`],
  },
  {
    name: 'nesting deeper than the limit',
    text: `${header}data:\n  v: ${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}\n`,
    problems: [`in.yaml:6 (document 1): ConfigMap cm: data.v${'[0]'.repeat(MAX_NESTING_DEPTH - 1)}: nested deeper than ${MAX_NESTING_DEPTH} levels`],
  },
  {
    name: 'more documents than allowed, refused before parsing',
    text: '---\n'.repeat(MAX_DOCUMENTS_PER_INPUT),
    problems: [`in.yaml: has about ${MAX_DOCUMENTS_PER_INPUT + 1} YAML documents, more than the ${MAX_DOCUMENTS_PER_INPUT} allowed; split it`],
  },
  {
    name: 'syntax errors carry the line; the documents around them are still checked',
    text: `${header}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabbed\n---\n- a list\n`,
    problems: [
      'in.yaml:9 (document 2): YAML syntax error at column 1: Tabs are not allowed as indentation: indent with spaces (TAB_AS_INDENT)',
      'in.yaml:11 (document 3): must be a mapping with apiVersion, kind and metadata, not a list',
    ],
    loaded: ['cm'],
  },
  {
    name: 'a List whose items are not a list, and a List item without a name',
    text: 'apiVersion: v1\nkind: List\nitems: {}\n---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Pod, metadata: {}}\n',
    problems: [
      'in.yaml:3 (document 1): List <no name>: items: items of a List must be a list of objects',
      'in.yaml:8 (document 2, item 1): Pod <no name>: metadata.name: missing: set metadata.name (or metadata.generateName for a hook)',
    ],
  },
  {
    name: 'metadata of the wrong shape',
    text: 'apiVersion: 1\nkind: ConfigMap\nmetadata:\n  name: [x]\n  labels: text\n',
    problems: [
      'in.yaml:1 (document 1): ConfigMap <no name>: apiVersion: must be a non-empty string (found 1)',
      'in.yaml:4 (document 1): ConfigMap <no name>: metadata.name: must be a non-empty string (found x)',
      'in.yaml:5 (document 1): ConfigMap <no name>: metadata.labels: must be a mapping of strings',
    ],
  },
];

describe('rejected input', () => {
  test.each(rejected)('$name', ({ text, problems, loaded = [] }) => {
    expect(problemsOf(text)).toEqual({ problems, loaded });
  });

  test('a document with very many problems reports the first ones and a count', () => {
    const values = Array.from({ length: 30 }, (_, i) => `  k${i}: .nan`).join('\n');
    const { problems } = problemsOf(`${header}data:\n${values}\n`);
    expect(problems).toHaveLength(21);
    expect(problems[20]).toBe('in.yaml (document 1): 10 more problems in this document not shown');
  });
});
