// `npm run build`, after tsc: bundles the compiled workflows into dist/ for fast worker starts.
import { writeSyncBundle } from './workflowBundle';

writeSyncBundle().then(
  (path) => console.log(`workflow bundle written to ${path}`),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
