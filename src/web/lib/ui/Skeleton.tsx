/**
 * Loading placeholders with the same box size as what replaces them, so nothing jumps when data arrives.
 * Hidden from assistive tech: the container carries `aria-busy`/a label instead.
 */
const SHAPES = {
  card: { box: 'up-card up-card--skeleton', bars: ['title', 'price', 'line', 'line', 'line', 'button'] },
  panel: { box: 'up-panel up-panel--skeleton', bars: ['title', 'line', 'line', 'button'] },
} as const;

function Skeleton({ shape }: { shape: keyof typeof SHAPES }) {
  const { box, bars } = SHAPES[shape];
  return (
    <div className={box} aria-hidden="true">
      {bars.map((bar, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, static list of placeholder bars
        <span key={i} className={`up-skeleton up-skeleton--${bar}`} />
      ))}
    </div>
  );
}

export const CardSkeleton = () => <Skeleton shape="card" />;
export const PanelSkeleton = () => <Skeleton shape="panel" />;
