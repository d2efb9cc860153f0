import { expect, test } from 'vitest';
import { successSessionId } from '../../../../src/web/lib/checkout/PaymentSuccess.tsx';

test('the return URL names the checkout the way each provider does', () => {
  expect(successSessionId('?session_id=cs_test_1')).toBe('cs_test_1'); // Stripe, Square
  expect(successSessionId('?subscription_id=I-SUB1&ba_token=BA-1&token=EC-1')).toBe('I-SUB1'); // PayPal subscription
  expect(successSessionId('?token=5O190127TN364715T&PayerID=X')).toBe('5O190127TN364715T'); // PayPal order
  expect(successSessionId('?other=1')).toBeNull();
});
