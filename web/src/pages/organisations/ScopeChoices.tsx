import { Checkbox } from '../../components/fields.tsx';
import { CONSENT_SCOPES, CONSENT_SCOPE_WORDS, SCOPE_LABELS, type ConsentScopeName } from './org-api.ts';

/** One checkbox per thing an organisation may see, each with its full sentence as the hint. */
export function ScopeChoices({ idPrefix, legend, value, onChange }: { idPrefix: string; legend: string; value: ConsentScopeName[]; onChange: (next: ConsentScopeName[]) => void }) {
  return (
    <fieldset className="stack stack-tight">
      <legend>{legend}</legend>
      {CONSENT_SCOPES.map((s) => (
        <Checkbox
          key={s}
          id={`${idPrefix}-${s}`}
          label={SCOPE_LABELS[s]}
          hint={CONSENT_SCOPE_WORDS[s]}
          checked={value.includes(s)}
          onChange={(checked) => onChange(CONSENT_SCOPES.filter((x) => (x === s ? checked : value.includes(x))))}
        />
      ))}
    </fieldset>
  );
}
