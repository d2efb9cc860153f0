import { useState } from 'react';
import type { PaymentStatus, Product } from '../api/types.ts';
import { PeriodToggle } from './PeriodToggle.tsx';
import { PricingCard } from './PricingCard.tsx';
import {
  type BillingPeriod,
  hasPeriodToggle,
  isCurrentProduct,
  visibleProducts,
  yearlySavingPercent,
} from './plans.ts';

export interface PricingTableProps {
  products: readonly Product[];
  /** From `usePaymentStatus()`; marks the current plan when given. */
  paymentStatus?: PaymentStatus;
  contactHref?: string;
  locale?: string;
  defaultPeriod?: BillingPeriod;
}

export const DEFAULT_CONTACT_HREF = 'mailto:sales@example.com';

/** The grid of plan cards, with the monthly/yearly toggle when both intervals exist. */
export function PricingTable(props: PricingTableProps) {
  const [period, setPeriod] = useState<BillingPeriod>(props.defaultPeriod ?? 'month');
  const toggle = hasPeriodToggle(props.products);
  const shown = visibleProducts(props.products, period);
  return (
    <div className="up-pricing-table">
      {toggle && (
        <PeriodToggle
          value={period}
          onChange={setPeriod}
          yearlySaving={yearlySavingPercent(props.products)}
        />
      )}
      <div className="up-card-grid">
        {shown.map((product) => (
          <PricingCard
            key={product.id}
            product={product}
            current={isCurrentProduct(product, props.paymentStatus)}
            contactHref={props.contactHref ?? DEFAULT_CONTACT_HREF}
            locale={props.locale}
          />
        ))}
      </div>
    </div>
  );
}
