import { describe, expect, it } from '@jest/globals';
import { ServerMetrics } from './ServerMetrics';
import { declaredNames } from './SourceMetrics';

const names = (m: ServerMetrics) => m.registry.getMetricsAsArray().map((x) => x.name);

describe('ServerMetrics', () => {
  it("has prom-client's process metrics unless told not to (a cluster primary, whose registry is never exported)", () => {
    const serving = names(new ServerMetrics());
    expect(serving).toContain('mlops_server_process_cpu_user_seconds_total');
    expect(serving).toContain('mlops_server_nodejs_eventloop_lag_p99_seconds');
    const primary = names(new ServerMetrics({ processMetrics: false }));
    expect(primary.filter((n) => n.startsWith('mlops_server_'))).toEqual([]);
    // The server's own families are there either way.
    expect(primary).toEqual(serving.filter((n) => !n.startsWith('mlops_server_')));
  });

  it('declaredNames reads the metric names of exposition text from its TYPE lines', async () => {
    const text = await new ServerMetrics().registry.metrics();
    const declared = declaredNames(text);
    expect(declared).toContain('mlops_http_request_duration_seconds');
    expect(declared).toContain('mlops_server_process_cpu_user_seconds_total');
    expect(declaredNames('# HELP a_total x\n# TYPE a_total counter\na_total 1\n# TYPE b gauge\nb 2\n')).toEqual(['a_total', 'b']);
  });
});
