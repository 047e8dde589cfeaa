// Turns one parsed YAML document into the JSON value kubectl would send, checking what the yaml
// package does not: explicit tags, duplicate keys (linear, the package's own check is quadratic),
// nesting depth, alias expansion and ambiguous merge keys. Not toJS(): it shares one object between
// an anchor and its aliases, finds each alias by scanning the whole document, and caps aliases by
// count rather than by the size they expand to.

import { type Alias, type LineCounter, type Pair, type ParsedNode, type Scalar, type YAMLMap, type YAMLSeq,
  isAlias, isMap, isSeq } from 'yaml';
import { type PathSegment } from './fieldPath';
import { copyValue } from './copyValue';
import { type JsonObject, setField } from './jsonObject';
import { MAX_KEYS_PER_MAPPING, MAX_NESTING_DEPTH, MAX_VALUES_PER_DOCUMENT } from './limits';
import { quoteValue } from './loadProblem';
import { isMergeKey, mergeInto } from './mergeKey';
import { scalarValue } from './scalarValue';

/** The tags kubectl's reader turns into JSON unchanged; any other explicit tag is rejected. */
const ALLOWED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

export interface NodeProblem {
  line: number;
  path: PathSegment[];
  value?: string;
  message: string;
}

export interface YamlValue {
  /** The document's value; meaningless when there are problems. */
  value: unknown;
  problems: NodeProblem[];
  /** 1-based line of a mapping or list built here, or of one of its keys. */
  lineOf(value: unknown, key?: string): number | undefined;
}

class LimitExceeded extends Error {
  constructor(readonly node: ParsedNode, message: string) {
    super(message);
  }
}

export function yamlToValue(root: ParsedNode, lineCounter: LineCounter): YamlValue {
  const converter = new Converter(lineCounter);
  let value: unknown;
  try {
    value = converter.convert(root, 0);
  } catch (error) {
    // The stack overflow is the parser's own depth limit showing through in a value we copy.
    if (error instanceof LimitExceeded) converter.report(error.node, error.message);
    else if (error instanceof RangeError) converter.report(root, `nested too deeply to read`);
    else throw error;
  }
  return { value, problems: converter.problems, lineOf: (v, key) => converter.lineOf(v, key) };
}

class Converter {
  readonly problems: NodeProblem[] = [];
  private readonly lines = new WeakMap<object, { line: number; keys: Map<string, number> }>();
  /** Anchor name -> finished value; an alias copies it, so no two places share an object. */
  private readonly anchors = new Map<string, unknown>();
  private readonly path: PathSegment[] = [];
  private values = 0;

  constructor(private readonly lineCounter: LineCounter) {}

  convert(node: ParsedNode | null, depth: number): unknown {
    if (node === null) return null;
    if (depth > MAX_NESTING_DEPTH) throw new LimitExceeded(node, `nested deeper than ${MAX_NESTING_DEPTH} levels`);
    if (isAlias(node)) return this.alias(node, depth);
    this.count(node);
    const value = this.convertTagged(node, depth);
    if (node.anchor !== undefined) this.anchors.set(node.anchor, value);
    return value;
  }

  private convertTagged(node: Scalar.Parsed | YAMLMap.Parsed | YAMLSeq.Parsed, depth: number): unknown {
    if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
      const tag = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      this.report(node, `tag ${tag} is not supported: remove it, or quote the value to keep it as text`);
      return null;
    }
    if (isMap(node)) return this.map(node, depth);
    if (isSeq(node)) return this.seq(node, depth);
    const result = scalarValue(node);
    if ('value' in result) return result.value;
    this.report(node, result.problem, quoteValue(node.source ?? node.value));
    return null;
  }

  private map(node: YAMLMap.Parsed, depth: number): JsonObject {
    if (node.items.length > MAX_KEYS_PER_MAPPING) {
      throw new LimitExceeded(node, `mapping has ${node.items.length} keys, more than the ${MAX_KEYS_PER_MAPPING} allowed`);
    }
    const out: JsonObject = {};
    const keyLines = new Map<string, number>();
    this.lines.set(out, { line: this.lineOfNode(node), keys: keyLines });
    const explicit = new Set<string>();
    let merges = 0;
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) {
        if (merges++ > 0) this.report(pair.key, 'more than one "<<" in this mapping: merge them in one, as "<<: [*a, *b]"');
        else this.merge(pair, out, explicit, keyLines, depth);
        continue;
      }
      const key = this.key(pair.key, depth);
      if (key === undefined) continue;
      this.path.push(key);
      if (explicit.has(key)) {
        this.report(pair.key, `duplicate key (first at line ${keyLines.get(key)}): keep only one`);
      } else {
        explicit.add(key);
        setField(out, key, this.convert(pair.value, depth + 1));
        keyLines.set(key, this.lineOfNode(pair.key));
      }
      this.path.pop();
    }
    return out;
  }

  private merge(pair: Pair<ParsedNode, ParsedNode | null>, out: JsonObject, explicit: Set<string>,
    keyLines: Map<string, number>, depth: number): void {
    this.path.push('<<');
    const converted = this.convert(pair.value, depth + 1);
    const sources = isSeq(pair.value) && Array.isArray(converted) ? converted : [converted];
    const line = this.lineOfNode(pair.key);
    for (const problem of mergeInto(out, sources, explicit, (key) => keyLines.set(key, line))) this.report(pair.key, problem);
    this.path.pop();
  }

  private key(node: ParsedNode, depth: number): string | undefined {
    if (isMap(node) || isSeq(node)) {
      this.report(node, 'a mapping key must be a plain value, not a mapping or a list');
      return undefined;
    }
    const before = this.problems.length;
    const value = this.convert(node, depth + 1);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (this.problems.length === before) this.report(node, 'a mapping key must not be empty or null: quote it');
    return undefined;
  }

  private seq(node: YAMLSeq.Parsed, depth: number): unknown[] {
    const out: unknown[] = [];
    this.lines.set(out, { line: this.lineOfNode(node), keys: new Map() });
    node.items.forEach((item, index) => {
      this.path.push(index);
      out.push(this.convert(item, depth + 1));
      this.path.pop();
    });
    return out;
  }

  private alias(node: Alias.Parsed, depth: number): unknown {
    if (!this.anchors.has(node.source)) {
      this.report(node, `alias *${node.source} has no anchor &${node.source} above it`);
      return null;
    }
    const count = (): void => this.count(node);
    const tooDeep = (): never => {
      throw new LimitExceeded(node, `nested deeper than ${MAX_NESTING_DEPTH} levels`);
    };
    return copyValue(this.anchors.get(node.source), depth, { count, tooDeep });
  }

  private count(node: ParsedNode): void {
    this.values += 1;
    if (this.values > MAX_VALUES_PER_DOCUMENT) {
      throw new LimitExceeded(node, `document expands to more than ${MAX_VALUES_PER_DOCUMENT} values ` +
        '(each use of an alias counts its whole value): too many aliases, or an alias bomb');
    }
  }

  report(node: ParsedNode, message: string, value?: string): void {
    const problem: NodeProblem = { line: this.lineOfNode(node), path: [...this.path], message };
    if (value !== undefined) problem.value = value;
    this.problems.push(problem);
  }

  lineOf(value: unknown, key?: string): number | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const entry = this.lines.get(value);
    return (key === undefined ? undefined : entry?.keys.get(key)) ?? entry?.line;
  }

  private lineOfNode(node: ParsedNode): number {
    return this.lineCounter.linePos(node.range?.[0] ?? 0).line;
  }
}
