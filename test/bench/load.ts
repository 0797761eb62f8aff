/** A closed-loop load generator: `clients` workers each run `call` back to back for `seconds`. */
export interface LoadResult {
  name: string;
  requests: number;
  failures: number;
  seconds: number;
  p50: number;
  p99: number;
}

export async function runLoad(
  name: string,
  clients: number,
  seconds: number,
  call: (client: number, i: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i += 1) {
        const t0 = performance.now();
        const ok = await call(client, i);
        latencies.push(performance.now() - t0);
        if (!ok) failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { name, requests: latencies.length, failures, seconds: elapsed, p50: at(0.5), p99: at(0.99) };
}

export function printTable(results: LoadResult[]): void {
  console.log('\n| scenario | requests | failures | req/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.requests} | ${r.failures} | ${(r.requests / r.seconds).toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`,
    );
  }
}
