import type { LiveState } from './use-guild-events';

const TEXT: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Refreshing every few seconds',
};

export function LiveBadge({ state }: { state: LiveState }) {
  return (
    <span
      className="inline-flex items-center gap-2 rounded-full bg-card px-3 py-1 text-xs text-muted-foreground shadow ring-1 ring-border"
      data-testid="live-state"
      data-state={state}
    >
      <span
        aria-hidden="true"
        className={`h-2 w-2 rounded-full ${state === 'live' ? 'bg-success' : state === 'polling' ? 'bg-warning' : 'bg-muted-foreground'}`}
      />
      {TEXT[state]}
    </span>
  );
}
