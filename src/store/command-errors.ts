import { storageFailureOf, storageFailureRule } from '../app/integrity-problem';
import type { CommandErrorRule } from './desk-state';

/** A DomainRuleViolation's rule and figures (checked by name: it also arrives structured-cloned from other tabs). */
export function ruleOf(e: unknown): CommandErrorRule | null {
  // Storage failures (quota, damaged or cleared log) too, so the UI can say them in the user's language.
  const storage = storageFailureOf(e);
  if (storage) return storageFailureRule(storage);
  if (!(e instanceof Error) || e.name !== 'DomainRuleViolation') return null;
  const v = e as Error & Partial<CommandErrorRule>;
  return typeof v.rule === 'string' ? { rule: v.rule, params: v.params ?? {} } : null;
}

export const PAST_ERROR = 'You are looking at the past. Go back to live to make changes.';
