import { classifyAnswer, healthReport, type DependencyCheck } from './health-report';

const up: DependencyCheck = { status: 'up', latencyMs: 3 };

describe('what the dashboard says about the services behind it', () => {
  it('is ok when every service answers ok', () => {
    const report = healthReport({ xp: up, roles: up, onboarding: up }, 12);
    expect(report).toMatchObject({ status: 'ok', service: 'dashboard', uptimeSeconds: 12, problems: [] });
  });

  it('names each service that is down or behind, and stays a report rather than a failure', () => {
    const report = healthReport(
      {
        xp: classifyAnswer(503, { status: 'degraded' }, 8),
        roles: classifyAnswer(200, { status: 'degraded' }, 4),
        onboarding: up,
      },
      1,
    );
    expect(report.status).toBe('degraded');
    expect(report.problems).toEqual([
      'xp: answered 503: its database or NATS does not answer',
      'roles: reports degraded',
    ]);
  });

  it('does not take an answer without a health report for a healthy service', () => {
    expect(classifyAnswer(200, '<html>', 2)).toMatchObject({ status: 'down' });
    expect(classifyAnswer(404, undefined, 2)).toMatchObject({ status: 'down', reason: 'answered 404' });
    expect(classifyAnswer(200, { status: 'ok' }, 2)).toEqual({ status: 'up', latencyMs: 2 });
  });
});
