import { useId } from 'react';
import type { BillingPeriod } from './plans.ts';

export interface PeriodToggleProps {
  value: BillingPeriod;
  onChange: (period: BillingPeriod) => void;
  /** Whole percent saved by paying yearly; shown on the yearly option when > 0. */
  yearlySaving: number;
}

/** Monthly / yearly switch: a native radio group, so arrow keys and screen readers work without ARIA tricks. */
export function PeriodToggle({ value, onChange, yearlySaving }: PeriodToggleProps) {
  const name = useId();
  const options: Array<{ period: BillingPeriod; label: string }> = [
    { period: 'month', label: 'Monthly' },
    { period: 'year', label: yearlySaving > 0 ? `Yearly (save ${yearlySaving}%)` : 'Yearly' },
  ];
  return (
    <fieldset className="up-toggle">
      <legend className="up-visually-hidden">Billing period</legend>
      {options.map((o) => (
        <label
          key={o.period}
          className={`up-toggle__option${value === o.period ? ' up-toggle__option--on' : ''}`}
        >
          <input
            type="radio"
            name={name}
            value={o.period}
            checked={value === o.period}
            onChange={() => onChange(o.period)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
