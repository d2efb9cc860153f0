import { useId } from 'react';
import type { Product } from '../api/types.ts';
import { PaymentButton } from '../checkout/PaymentButton.tsx';
import { intervalSuffix } from '../format/intervals.ts';
import { formatMoney } from '../format/money.ts';
import { isCustom, isFree } from './plans.ts';

export interface PricingCardProps {
  product: Product;
  /** Marks the card as the caller's plan and hides its checkout button. */
  current?: boolean;
  /** Where "Contact us" goes for 'custom' prices (mailto: or a page). */
  contactHref: string;
  locale?: string;
}

function Price({ product, locale }: { product: Product; locale?: string }) {
  if (isCustom(product)) return <p className="up-price up-price--custom">Custom</p>;
  if (isFree(product)) return <p className="up-price">Free</p>;
  const suffix = intervalSuffix(product);
  return (
    <p className="up-price">
      <span className="up-price__amount">
        {formatMoney(product.price as number, product.currency, locale)}
      </span>
      {suffix && <span className="up-price__interval"> {suffix}</span>}
      {!suffix && product.type === 'one_time' && <span className="up-price__interval"> once</span>}
    </p>
  );
}

function Action({ product, current, contactHref }: Omit<PricingCardProps, 'locale'>) {
  if (current) {
    return (
      <p className="up-card__current" aria-live="polite">
        Your current plan
      </p>
    );
  }
  if (isCustom(product)) {
    return (
      <a
        className="up-button up-button--secondary"
        href={contactHref}
        aria-label={`Contact us about ${product.name}`}
      >
        Contact us
      </a>
    );
  }
  if (isFree(product)) return <p className="up-card__note">No payment needed</p>;
  const verb = product.type === 'one_time' ? 'Buy' : product.trialDays ? 'Start free trial' : 'Subscribe';
  return (
    <PaymentButton productId={product.id} aria-label={`${verb}: ${product.name}`}>
      {verb}
    </PaymentButton>
  );
}

/** One product on the pricing page. Price, features, and exactly one way forward (checkout, contact, none). */
export function PricingCard({ product, current, contactHref, locale }: PricingCardProps) {
  const titleId = useId();
  const classes = ['up-card', product.highlighted && 'up-card--highlighted', current && 'up-card--current']
    .filter(Boolean)
    .join(' ');
  return (
    <article className={classes} aria-labelledby={titleId} data-product-id={product.id}>
      {product.highlighted && <p className="up-card__badge">Most popular</p>}
      {current && <p className="up-card__badge up-card__badge--current">Current plan</p>}
      <h3 id={titleId} className="up-card__title">
        {product.name}
      </h3>
      {product.description && <p className="up-card__description">{product.description}</p>}
      <Price product={product} locale={locale} />
      {product.trialDays ? <p className="up-card__trial">{product.trialDays}-day free trial</p> : null}
      {product.features.length > 0 && (
        <ul className="up-card__features">
          {product.features.map((feature) => (
            <li key={feature}>
              <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
                <path d="M7.6 13.2 4.4 10l-1.2 1.2 4.4 4.4 9.2-9.2-1.2-1.2z" fill="currentColor" />
              </svg>
              {feature}
            </li>
          ))}
        </ul>
      )}
      <div className="up-card__action">
        <Action product={product} current={current} contactHref={contactHref} />
      </div>
    </article>
  );
}
