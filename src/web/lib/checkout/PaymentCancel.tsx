export interface PaymentCancelProps {
  pricingHref?: string;
}

/** Where the provider sends a buyer who backed out. Reassures: nothing was charged. */
export function PaymentCancel({ pricingHref = '/pricing' }: PaymentCancelProps) {
  return (
    <section className="up-result">
      <h1>Checkout canceled</h1>
      <p>No payment was taken. You can pick a plan again whenever you are ready.</p>
      <a className="up-button up-button--primary" href={pricingHref}>
        Back to pricing
      </a>
    </section>
  );
}
