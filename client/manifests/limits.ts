// Caps applied to user manifests before or while parsing them. yaml@2.9.1 has no limits of its own
// apart from an alias count in toJS(), and several of its costs grow faster than the input
// (shared/notes/reliability.md §4.7), so every cap here is checked before the costly step.

const MiB = 1024 * 1024;

/**
 * Bytes in one file or on stdin, checked with stat() before the file is read. The parser reads
 * about 2 MB/s of manifests on the development machine, so this bounds one file to a few seconds;
 * big rendered charts (CRDs included) stay well below it.
 */
export const MAX_FILE_BYTES = 8 * MiB;

/** Bytes across all inputs of one invocation: bounds the total parse time the same way. */
export const MAX_TOTAL_BYTES = 16 * MiB;

/**
 * YAML documents in one input, counted from `---` lines before parsing: 100,000 empty documents
 * take 0.7 s to parse, and no real manifest set has more than a few thousand objects.
 */
export const MAX_DOCUMENTS_PER_INPUT = 10_000;

/**
 * Keys written in one mapping. The package's own duplicate-key check is quadratic (10k keys 0.5 s,
 * 60k keys 23 s), so it is switched off and replaced by a linear one; this cap keeps any later
 * per-key work bounded too. The widest real mappings (CRD schema properties) have hundreds.
 */
export const MAX_KEYS_PER_MAPPING = 10_000;

/**
 * Nesting of mappings and sequences. The parser itself runs out of stack near 900 levels and then
 * reports one error per level; the deepest real objects (nested CRD schemas) stay under 64.
 */
export const MAX_NESTING_DEPTH = 128;

/**
 * Values built for one document, counting every copy an alias makes. This is what stops an alias
 * bomb (ten anchors of ten aliases each expand to 10^10 values): the expansion is counted while it
 * is built, so the document is rejected after this many values (about 0.1 s) instead of exhausting
 * memory. The largest real objects, CRDs with big schemas, hold some tens of thousands.
 */
export const MAX_VALUES_PER_DOCUMENT = 250_000;

/** Problems reported for one document: a broken document can yield one error per line. */
export const MAX_PROBLEMS_PER_DOCUMENT = 20;

/** Characters of an offending value quoted in a message. */
export const MAX_QUOTED_VALUE_CHARS = 60;
