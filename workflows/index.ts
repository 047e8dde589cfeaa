// Every workflow type the worker registers.
export { sync } from './syncWorkflow';
