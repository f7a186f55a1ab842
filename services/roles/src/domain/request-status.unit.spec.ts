import { requestStatus } from './request-status';

describe('a request status', () => {
  it('is pending while any action is in flight or waiting to retry', () => {
    expect(
      requestStatus([
        { roleId: '1', status: 'applied', error: null },
        { roleId: '2', status: 'retrying', error: 'HTTP 500' },
      ]).status,
    ).toBe('pending');
  });

  it('is failed with the reason once an action failed for good', () => {
    expect(
      requestStatus([
        { roleId: '1', status: 'applied', error: null },
        { roleId: '2', status: 'failed', error: 'HTTP 500' },
      ]),
    ).toEqual({
      status: 'failed',
      failures: [{ roleId: '2', reason: 'HTTP 500' }],
    });
  });

  it('is applied when every action landed or was superseded, or when nothing needed doing', () => {
    expect(
      requestStatus([
        { roleId: '1', status: 'applied', error: null },
        { roleId: '2', status: 'superseded', error: null },
      ]).status,
    ).toBe('applied');
    expect(requestStatus([]).status).toBe('applied');
  });
});
