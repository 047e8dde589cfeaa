// Every workflow type the worker registers.
export { sync } from './syncWorkflow';
export { deleteApp } from './deleteWorkflow';
export { deletionLock } from './deletionLock';
