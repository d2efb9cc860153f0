/**
 * Loading placeholders with the same box size as what replaces them, so nothing jumps when data arrives.
 * Hidden from assistive tech: the container carries `aria-busy`/a label instead.
 */
export function CardSkeleton() {
  return (
    <div className="up-card up-card--skeleton" aria-hidden="true">
      <span className="up-skeleton up-skeleton--title" />
      <span className="up-skeleton up-skeleton--price" />
      <span className="up-skeleton up-skeleton--line" />
      <span className="up-skeleton up-skeleton--line" />
      <span className="up-skeleton up-skeleton--line" />
      <span className="up-skeleton up-skeleton--button" />
    </div>
  );
}

export function PanelSkeleton() {
  return (
    <div className="up-panel up-panel--skeleton" aria-hidden="true">
      <span className="up-skeleton up-skeleton--title" />
      <span className="up-skeleton up-skeleton--line" />
      <span className="up-skeleton up-skeleton--line" />
      <span className="up-skeleton up-skeleton--button" />
    </div>
  );
}
