import { useId } from 'react';
import { safeInternalPath } from '../api/urls.ts';

export interface UpgradePromptProps {
  /** The server's 402 message, or your own. */
  message?: string;
  /** Where the upgrade button goes (same-origin paths only; anything else falls back to /pricing). */
  redirectTo?: string;
  title?: string;
  /** `inline` sits inside a page section; `page` fills the main area. */
  variant?: 'inline' | 'page';
  /** Button text. */
  actionLabel?: string;
}

/** What a user sees instead of a paid feature: why, and one clear way to upgrade. */
export function UpgradePrompt(props: UpgradePromptProps) {
  const titleId = useId();
  const variant = props.variant ?? 'inline';
  const href = safeInternalPath(props.redirectTo, '/pricing');
  const Heading = variant === 'page' ? 'h1' : 'h2';
  return (
    <section className={`up-upgrade up-upgrade--${variant}`} aria-labelledby={titleId}>
      <svg className="up-upgrade__icon" aria-hidden="true" viewBox="0 0 24 24" width="28" height="28">
        <path
          fill="currentColor"
          d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 1 1 6 0v3H9Z"
        />
      </svg>
      <Heading id={titleId} className="up-upgrade__title">
        {props.title ?? 'Upgrade to continue'}
      </Heading>
      <p className="up-upgrade__message">{props.message ?? 'This feature is part of a paid plan.'}</p>
      <a className="up-button up-button--primary" href={href}>
        {props.actionLabel ?? 'See plans'}
      </a>
    </section>
  );
}
