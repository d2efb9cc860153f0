/**
 * `uigen-payments/react`: the payment surfaces for any React 19 app. Wrap them in `<PaymentsProvider>`;
 * include `uigen-payments/react/styles.css` (src/web/lib/styles.css) or style the `up-*` classes yourself.
 */

export type { PaymentsClient, TokenSource } from './api/client.ts';
export { createPaymentsClient } from './api/client.ts';
export { ApiError, PaymentRequiredError } from './api/errors.ts';
export type * from './api/types.ts';
export { BillingPage } from './billing/BillingPage.tsx';
export type { PaymentButtonProps } from './checkout/PaymentButton.tsx';
export { PaymentButton } from './checkout/PaymentButton.tsx';
export { PaymentCancel } from './checkout/PaymentCancel.tsx';
export { PaymentSuccess } from './checkout/PaymentSuccess.tsx';
export type { PaymentStatusState, UsePaymentStatusResult } from './context/hooks.ts';
export { usePaymentStatus, usePayments, usePaymentsConfig } from './context/hooks.ts';
export type {
  ConfigState,
  PaymentsContextValue,
  PaymentsProviderProps,
} from './context/PaymentsProvider.tsx';
export { PaymentsProvider } from './context/PaymentsProvider.tsx';
export { currencyExponent, formatMoney } from './format/money.ts';
export { createMonetizedFetch } from './paywall/monetizedFetch.ts';
export type { UpgradePromptProps } from './paywall/UpgradePrompt.tsx';
export { UpgradePrompt } from './paywall/UpgradePrompt.tsx';
export { useMonetizedFetch } from './paywall/useMonetizedFetch.ts';
export { PricingCard } from './pricing/PricingCard.tsx';
export { PricingPage } from './pricing/PricingPage.tsx';
export { PricingTable } from './pricing/PricingTable.tsx';
