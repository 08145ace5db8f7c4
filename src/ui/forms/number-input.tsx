import { useT } from '../i18n';
import { fieldMessages } from './field-messages';
import type { WholeNumberCheck } from './whole-number';

export interface NumberInputProps {
  id: string;
  label: string;
  value: string;
  check: WholeNumberCheck;
  min: number;
  max: number;
  disabled: boolean;
  placeholder?: string;
  className?: string;
  /** An accessible name other than the label (the stable English contract name). */
  ariaLabel?: string;
  /** The raw text and whether the browser could not read it (validity.badInput). */
  onChange(value: string, badInput: boolean): void;
}

/**
 * A whole-number field that states its range under it and says what is wrong
 * with what was typed while it is typed (never only after submitting).
 */
export function NumberInput({ id, label, value, check, min, max, disabled, placeholder, className, ariaLabel, onChange }: NumberInputProps) {
  const t = useT(fieldMessages);
  const error = check.ok || check.problem === 'empty' ? null : check.problem;
  return (
    <div className={className ?? 'field field-num'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        placeholder={placeholder}
        value={value}
        aria-label={ariaLabel}
        disabled={disabled}
        aria-invalid={error !== null}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.currentTarget.value, e.currentTarget.validity?.badInput === true)}
      />
      <span id={`${id}-hint`} className={error ? 'field-hint field-error' : 'field-hint'} aria-live="polite">
        {error ? t(error, { min, max }) : t('range', { min, max })}
      </span>
    </div>
  );
}
