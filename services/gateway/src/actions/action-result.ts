import {
  derivedId,
  domainSubject,
  GatewayEventType,
  type ActionResult,
  type Envelope,
} from '@guildhall/contracts';
import type { OutgoingMessage } from '@guildhall/eventing';
import { gatewayEnvelope } from '../translate/source';
import type { ActionOutcome } from './action-outcome';

const MAX_ERROR = 2000;

/**
 * `gateway.<g>.action.done|failed` for one action. The id derives from the action's, so a
 * redelivered action that is executed again reports under the same id and the stream keeps one.
 */
export function actionResult(action: Envelope, outcome: ActionOutcome, now: Date): OutgoingMessage {
  const type = outcome.ok ? GatewayEventType.ActionDone : GatewayEventType.ActionFailed;
  const data: ActionResult = { actionId: action.id, kind: action.type.slice(0, 40) };
  if (outcome.httpStatus !== undefined) data.httpStatus = outcome.httpStatus;
  if (outcome.error !== undefined) data.error = outcome.error.slice(0, MAX_ERROR);
  if (outcome.retryable !== undefined) data.retryable = outcome.retryable;
  if (outcome.resultId !== undefined) data.resultId = outcome.resultId;
  return {
    subject: domainSubject('gateway', action.guildId, type),
    envelope: gatewayEnvelope({
      id: derivedId(action.id, 'result'),
      type,
      guildId: action.guildId,
      occurredAt: now,
      correlationId: action.correlationId ?? action.id,
      causationId: action.id,
      data,
    }),
  };
}
