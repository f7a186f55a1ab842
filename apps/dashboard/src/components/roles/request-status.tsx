import { Badge } from '@/components/ui/badge';
import type { RequestStatus } from '@/lib/clients/roles';

const LABEL: Record<RequestStatus, string> = {
  pending: 'Pending',
  applied: 'Applied',
  failed: 'Failed',
  refused: 'Refused',
};
const TONE = { pending: 'warning', applied: 'success', failed: 'danger', refused: 'danger' } as const;

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return (
    <Badge tone={TONE[status]} data-testid="request-status" data-status={status}>
      {status === 'pending' && (
        <span aria-hidden="true" className="h-2 w-2 animate-pulse rounded-full bg-warning" />
      )}
      {LABEL[status]}
    </Badge>
  );
}
