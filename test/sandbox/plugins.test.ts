import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.ts';

describe('sandbox provider plugins', () => {
  it('loads PayPal and Square only when configured and exposes the adapter options they return', async () => {
    const bare = await startSandbox();
    try {
      expect(bare.providerOptions).toEqual({});
      expect((await fetch(`${bare.url}/paypal/v1/oauth2/token`, { method: 'POST' })).status).toBe(404);
    } finally {
      await bare.close();
    }
    const full = await startSandbox({ paypal: {}, square: {} });
    try {
      expect(full.providerOptions.paypal?.apiBase).toBe(`${full.url}/paypal`);
      expect(full.providerOptions.square?.apiBase).toBe(`${full.url}/square`);
      // The route exists now (it refuses missing credentials rather than 404).
      expect((await fetch(`${full.url}/paypal/v1/oauth2/token`, { method: 'POST' })).status).not.toBe(404);
    } finally {
      await full.close();
    }
  });
});
