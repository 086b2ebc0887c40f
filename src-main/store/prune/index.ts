// prune/: clean-up rules with a dry run: a plan (what goes, what it frees, what stays and why), then exactly that plan applied.
export { applyPrune, type PruneOutcome } from './apply-prune.ts';
export { planPrune, type PrunePlan, type PruneTarget } from './plan-prune.ts';
