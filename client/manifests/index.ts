// Manifest loading for the CLI: `-f` paths and stdin -> Manifest[] plus every problem found.

export { loadManifests, type LoadOptions, type LoadResult } from './loadManifests';
export { loadManifestText, type LoadedText } from './loadManifestText';
export { type LoadProblem } from './loadProblem';
export { formatLoadProblem, formatLoadProblems } from './formatLoadProblem';
export * from './limits';
