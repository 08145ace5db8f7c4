import { useT } from '../i18n';
import { fieldMessages } from './field-messages';

export interface TextInputProps {
  id: string;
  label: string;
  value: string;
  max: number;
  disabled: boolean;
  placeholder?: string;
  className?: string;
  onChange(value: string): void;
}

/** Length of text as the user sees it (a Korean syllable or an emoji is one). */
export function textLength(text: string): number {
  return [...text].length;
}

/**
 * A text field with a length limit that never cuts silently: a longer paste
 * stays, the field says how long it is and the form refuses to send until it
 * is shortened. Near the limit the count is shown.
 */
export function TextInput({ id, label, value, max, disabled, placeholder, className, onChange }: TextInputProps) {
  const t = useT(fieldMessages);
  const n = textLength(value);
  const tooLong = n > max;
  return (
    <div className={className ?? 'field field-grow'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        placeholder={placeholder}
        value={value}
        disabled={disabled}
        aria-invalid={tooLong}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <span id={`${id}-hint`} className={tooLong ? 'field-hint field-error' : 'field-hint'} aria-live="polite">
        {tooLong ? t('tooLong', { n, max }) : n >= max * 0.75 ? t('count', { n, max }) : ''}
      </span>
    </div>
  );
}
