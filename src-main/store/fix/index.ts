// fix/: the window's per-problem fixes (move a folder aside, fix latest) and whether a version
// folder without model.yaml is being written or was left by an interrupted save.
export { fixProblem, movedAsideDir } from './fix-problem.ts';
export { QUIET_MS, writerState } from './writer-state.ts';
