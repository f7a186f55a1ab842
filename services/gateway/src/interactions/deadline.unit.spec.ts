import {
  afterDelivery,
  deadlineStep,
  planAnswer,
  track,
  TOKEN_LIFETIME_MS,
  type TrackedInteraction,
} from './deadline';

const settings = { deferMs: 2000, giveUpMs: 10_000, deferEphemeral: true };
const T0 = 1_000_000;
const command = track({
  interactionId: '1',
  token: 't',
  applicationId: '9',
  guildId: '100',
  kind: 'command',
  receivedAtMs: T0,
});
const component: TrackedInteraction = { ...command, kind: 'component' };

describe('interaction deadline', () => {
  it('an interaction answered before the defer time needs nothing from the clock', () => {
    const answered = afterDelivery(command, planAnswer(command, 'reply', false), 'owner');
    expect(deadlineStep(answered, T0 + 2500, settings)).toEqual({ do: 'nothing' });
    expect(deadlineStep(answered, T0 + 20_000, settings)).toEqual({ do: 'nothing' });
  });

  it('an unanswered command is deferred as "thinking…" (type 5) at the defer time, well before Discord’s 3 s', () => {
    expect(deadlineStep(command, T0 + 1999, settings)).toEqual({ do: 'nothing' });
    expect(deadlineStep(command, T0 + 2000, settings)).toEqual({
      do: 'defer',
      plan: { via: 'callback', type: 5, ephemeral: true },
    });
  });

  it('an unanswered button is deferred silently (type 6) so its message stays as it is', () => {
    expect(deadlineStep(component, T0 + 2000, settings)).toEqual({
      do: 'defer',
      plan: { via: 'callback', type: 6, ephemeral: false },
    });
  });

  it('a command the owner never answers is edited to the catching-up message at the give-up time', () => {
    const deferred = afterDelivery(command, { via: 'callback', type: 5, ephemeral: true }, 'gateway');
    expect(deadlineStep(deferred, T0 + 9999, settings)).toEqual({ do: 'nothing' });
    expect(deadlineStep(deferred, T0 + 10_000, settings)).toEqual({
      do: 'give-up',
      plan: { via: 'edit-original' },
    });
    const gaveUp = afterDelivery(deferred, { via: 'edit-original' }, 'gateway');
    expect(deadlineStep(gaveUp, T0 + 11_000, settings)).toEqual({ do: 'nothing' });
  });

  it('a button nobody answers gets an ephemeral follow-up rather than losing its message', () => {
    const deferred = afterDelivery(component, { via: 'callback', type: 6, ephemeral: false }, 'gateway');
    expect(deadlineStep(deferred, T0 + 10_000, settings)).toEqual({
      do: 'give-up',
      plan: { via: 'followup', ephemeral: true },
    });
  });

  it('an owner who deferred on purpose is not interrupted by the give-up message', () => {
    const ownerDeferred = afterDelivery(command, planAnswer(command, 'defer', false), 'owner');
    expect(ownerDeferred.responded).toBe('deferred-reply');
    expect(deadlineStep(ownerDeferred, T0 + 60_000, settings)).toEqual({ do: 'nothing' });
  });

  it('interactions are forgotten when their token expires', () => {
    expect(deadlineStep(command, T0 + TOKEN_LIFETIME_MS, settings)).toEqual({ do: 'forget' });
  });
});

describe('delivering an owner’s answer', () => {
  it('a timely reply is the interaction callback (type 4, ephemeral flag as asked)', () => {
    expect(planAnswer(command, 'reply', true)).toEqual({ via: 'callback', type: 4, ephemeral: true });
    expect(planAnswer(component, 'update', false)).toEqual({ via: 'callback', type: 7, ephemeral: false });
  });

  it('an unknown interaction (another replica, a restart) is tried as a first callback', () => {
    expect(planAnswer(undefined, 'reply', false)).toEqual({ via: 'callback', type: 4, ephemeral: false });
  });

  it('a late reply after the gateway deferred becomes the edited original', () => {
    const deferred = afterDelivery(command, { via: 'callback', type: 5, ephemeral: true }, 'gateway');
    expect(planAnswer(deferred, 'reply', false)).toEqual({ via: 'edit-original' });
    const gaveUp = afterDelivery(deferred, { via: 'edit-original' }, 'gateway');
    expect(planAnswer(gaveUp, 'reply', false)).toEqual({ via: 'edit-original' });
  });

  it('on a silently deferred button, an update edits its message and a reply becomes a follow-up', () => {
    const deferred = afterDelivery(component, { via: 'callback', type: 6, ephemeral: false }, 'gateway');
    expect(planAnswer(deferred, 'update', false)).toEqual({ via: 'edit-original' });
    expect(planAnswer(deferred, 'reply', true)).toEqual({ via: 'followup', ephemeral: true });
  });

  it('a second reply to an answered interaction is a follow-up; a second defer does nothing', () => {
    const answered = afterDelivery(command, { via: 'callback', type: 4, ephemeral: false }, 'owner');
    expect(planAnswer(answered, 'reply', false)).toEqual({ via: 'followup', ephemeral: false });
    expect(planAnswer(answered, 'defer', false)).toEqual({ via: 'none' });
  });

  it('after the owner’s edit the interaction counts as answered', () => {
    const deferred = afterDelivery(command, { via: 'callback', type: 5, ephemeral: true }, 'gateway');
    const answered = afterDelivery(deferred, { via: 'edit-original' }, 'owner');
    expect(answered.responded).toBe('answered');
    expect(deadlineStep(answered, T0 + 10_000, settings)).toEqual({ do: 'nothing' });
  });
});
