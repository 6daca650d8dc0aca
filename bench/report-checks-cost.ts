import type { CaseCostReport } from './case-cost.ts';
import type { CheckTraffic } from './check-hops.ts';
import type { MemoryPoint } from './memory-run.ts';
import { round } from './stats.ts';

const dollars = (n: number) => `$${n < 10 ? n.toFixed(2) : n.toFixed(0)}`;

/** Deliveries of timed checks per case, hop by hop (before) and one per check (now). */
export function printCheckTraffic(checks: { untouchedTwoWeeks: CheckTraffic; realisticCase: CheckTraffic }): void {
  console.log(
    '\nTimed checks per case (default targets and calendar): deliveries to the consumer, each an SQS send, receive and delete, a Lambda invocation and a consistent read',
  );
  console.table(
    Object.entries({
      'untouched for two weeks': checks.untouchedTwoWeeks,
      'the realistic case (cost model)': checks.realisticCase,
    }).map(([what, t]) => ({
      case: what,
      'hops before (every 15 min)': t.hopsBefore,
      'deliveries now': t.deliveriesAfter,
      'schedules created': t.createCalls,
      'deleted when stale': t.schedulesDeleted,
      'straight to SQS': t.queuedDirectly,
    })),
  );
}

/** Dollars a month at 1,000, 10,000 and 100,000 realistic cases, fixed costs included. */
export function printCaseCost(report: CaseCostReport): void {
  console.log(
    `\nCost a month on AWS, list prices (bench/cost.ts, bench/case-cost.ts: US East, looked up 2026-12-07, free tiers left out). A case: ${report.perCase.mail} mails (new case with acknowledgement and team notification, 2 customer replies, 2 agent answers), the closing mail, a survey vote, its checks`,
  );
  console.table(
    report.lines.map((l) => ({
      'cases a month': l.casesPerMonth.toLocaleString('en'),
      mail: dollars(l.mail),
      'closing + vote': dollars(l.closing + l.surveyVote),
      checks: dollars(l.checks),
      logs: dollars(l.logs),
      'fixed (KMS, secret, alarms, dashboard)': dollars(l.fixed),
      total: dollars(l.total),
      'total with 15-minute hops': dollars(l.totalWithHops),
    })),
  );
}

/** The stack's memory at each checkpoint of `--memory`. */
export function printMemory(points: readonly MemoryPoint[]): void {
  console.log('\nMemory of the local stack (a data folder, as npm start), after a full GC at each point');
  console.table(
    points.map((p) => ({
      mails: p.mails.toLocaleString('en'),
      'Node RSS MB': p.nodeRssMb,
      'Node heap used MB': p.nodeHeapUsedMb,
      'DynamoDB Local RSS MB': p.dynamoDbLocalRssMb ?? 'not found',
      seconds: p.seconds,
    })),
  );
  const [first, last] = [points[0], points.at(-1)];
  if (first !== undefined && last !== undefined && first !== last)
    console.log(
      `Growth from ${first.mails} to ${last.mails} mails: Node ${round(last.nodeRssMb / first.nodeRssMb, 2)}×, DynamoDB Local ${round((last.dynamoDbLocalRssMb ?? 0) / (first.dynamoDbLocalRssMb ?? 1), 2)}×`,
    );
}
