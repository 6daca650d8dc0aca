import { CfnOutput, Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { REPORT_MAIL_SCHEDULES } from '../../functions/core/report-policy.ts';
import type { SupportConfig } from '../config.ts';
import { STACK_OUTPUTS } from '../stack-outputs.ts';
import { reportMailEnvironment } from '../function-environment.ts';
import type { CaseTable } from './case-table.ts';
import { addPipelineFunction, TABLE_ITEM_ACTIONS, TEMPLATES_DIR } from './mail-function.ts';

/** A month of cases read summary by summary: minutes at most, far under Lambda's 15. */
const TIMEOUT = Duration.minutes(5);

export interface ReportMailProps {
  readonly config: SupportConfig;
  readonly caseTable: CaseTable;
  /** The SES identity and configuration set the function may send through. */
  readonly sendingResources: readonly string[];
}

/**
 * The weekly digest to supervisors and each agent's monthly mail: a small function on EventBridge
 * schedules (one rule per mail switched on in `reports`), reading the status index and the ratings.
 */
export class ReportMail extends Construct {
  readonly fn: NodejsFunction;
  readonly rules: readonly Rule[];

  constructor(scope: Construct, id: string, props: ReportMailProps) {
    super(scope, id);
    const { fn, role } = addPipelineFunction(this, {
      entry: 'digest/handler.ts',
      environment: {
        ...reportMailEnvironment(props.config, {
          tableName: props.caseTable.table.tableName,
          templatesDir: TEMPLATES_DIR,
        }),
      },
      memorySize: 512,
      timeout: TIMEOUT,
      // A failed run is retried by the schedule's own async invocation; marks keep each mail to one send.
      invocation: { retryAttempts: 2 },
    });
    this.fn = fn;
    role.addToPolicy(new PolicyStatement({ actions: TABLE_ITEM_ACTIONS, resources: [props.caseTable.table.tableArn] }));
    role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [props.caseTable.statusIndexArn] }));
    role.addToPolicy(
      new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [...props.sendingResources] }),
    );
    new CfnOutput(this, STACK_OUTPUTS.reportMailFunction, {
      value: fn.functionName,
      description: 'The report mail function (support report --digest invokes it)',
    }).overrideLogicalId(STACK_OUTPUTS.reportMailFunction);
    const { reports } = props.config;
    this.rules = [
      ...(reports.weeklyDigest ? [this.rule('WeeklyDigest', REPORT_MAIL_SCHEDULES.weeklyDigest, 'weekly-digest')] : []),
      ...(reports.monthlyAgentMail
        ? [this.rule('MonthlyAgentMail', REPORT_MAIL_SCHEDULES.monthlyAgentMail, 'agent-monthly')]
        : []),
    ];
  }

  private rule(id: string, cron: Parameters<typeof Schedule.cron>[0], kind: string): Rule {
    return new Rule(this, id, {
      schedule: Schedule.cron(cron),
      targets: [new LambdaFunction(this.fn, { event: RuleTargetInput.fromObject({ kind }), retryAttempts: 2 })],
    });
  }
}
