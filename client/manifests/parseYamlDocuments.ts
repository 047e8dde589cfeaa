// Splits one input into YAML documents with the yaml package, configured to read scalars the way
// kubectl does, and turns the parser's own errors into problems with a line number.

import { type DocumentOptions, type ParseOptions, type ParsedNode, type SchemaOptions, LineCounter,
  isScalar, parseAllDocuments } from 'yaml';
import { MAX_DOCUMENTS_PER_INPUT } from './limits';
import { type LoadProblem } from './loadProblem';

export interface ParsedDocument {
  /** 0-based index among all documents of the input, empty ones included. */
  index: number;
  root: ParsedNode;
  line: number;
}

export interface ParsedInput {
  documents: ParsedDocument[];
  problems: LoadProblem[];
  lineCounter: LineCounter;
}

const YAML_1_1_TAGS_KUBECTL_LACKS = new Set(['tag:yaml.org,2002:timestamp']);

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  // kubectl reads manifests with go-yaml v2, which resolves YAML 1.1 scalars: `0400` is 256 and
  // `yes`/`on`/`y` are booleans. The 1.2 default would turn `defaultMode: 0400` into 400.
  version: '1.1',
  merge: true,
  // The package's duplicate check compares every key with every other key; yamlToValue does it
  // with a Set.
  uniqueKeys: false,
  // The pretty form quotes the offending source line, which may be a Secret's data.
  prettyErrors: false,
  // go-yaml v2 leaves dates and sexagesimal numbers (`1:30`, 1.1's base 60) as strings when it
  // decodes into untyped values, so these 1.1 tags are dropped: they stay strings here too.
  customTags: (tags) => tags.filter((tag) => typeof tag === 'string' ||
    !(YAML_1_1_TAGS_KUBECTL_LACKS.has(tag.tag) || tag.format === 'TIME')),
};

/** Unknown tags are reported by yamlToValue with the field they sit on; the warning would repeat it. */
const WARNINGS_REPORTED_ELSEWHERE = new Set(['TAG_RESOLVE_FAILED']);

export function parseYamlDocuments(text: string, file: string): ParsedInput {
  const lineCounter = new LineCounter();
  const separators = countDocumentSeparators(text);
  if (separators + 1 > MAX_DOCUMENTS_PER_INPUT) {
    const message = `has about ${separators + 1} YAML documents, more than the ${MAX_DOCUMENTS_PER_INPUT} allowed; split it`;
    return { documents: [], problems: [{ file, message }], lineCounter };
  }
  const documents: ParsedDocument[] = [];
  const problems: LoadProblem[] = [];
  parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter }).forEach((doc, index) => {
    // After a syntax error the parser's later errors are mostly echoes of the first: one is clearer.
    const issues = [...doc.errors.slice(0, 1), ...doc.warnings.filter((w) => !WARNINGS_REPORTED_ELSEWHERE.has(w.code))];
    for (const issue of issues) {
      const { line, col } = lineCounter.linePos(issue.pos[0]);
      problems.push({ file, line, document: index, message: syntaxMessage(issue.code, issue.message, col) });
    }
    const root = doc.contents;
    if (doc.errors.length > 0 || root === null || isEmpty(root)) return;
    documents.push({ index, root, line: lineCounter.linePos(root.range[0]).line });
  });
  return { documents, problems, lineCounter };
}

/** `---` at the start of a line: an upper bound on the document count, found without parsing. */
function countDocumentSeparators(text: string): number {
  let count = text.startsWith('---') ? 1 : 0;
  for (let at = text.indexOf('\n---'); at !== -1; at = text.indexOf('\n---', at + 4)) count += 1;
  return count;
}

/** A document holding only comments, or an explicit null, is skipped as kubectl skips it. */
function isEmpty(root: ParsedNode): boolean {
  return isScalar(root) && root.value === null;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The parser's words with the column and what to do; its code last, for searching. */
function syntaxMessage(code: string, message: string, column: number): string {
  const hint = code === 'TAB_AS_INDENT' ? 'indent with spaces' : 'fix the YAML at this place';
  return `YAML syntax error at column ${column}: ${firstLine(message).replace(/\.$/, '')}: ${hint} (${code})`;
}
