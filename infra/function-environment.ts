import { writingOf } from '../functions/core/draft-language.ts';
import type { SupportConfig } from './config.ts';
import { deployedTeam, queuesVariable } from './queue-environment.ts';
import { SERVICE } from '../functions/config/observability.ts';
import type { LifecyclePolicy } from '../functions/core/case-lifecycle.ts';
import type {
  InboundEnvironment,
  MailEnvironment,
  ReportMailEnvironment,
  SurveyEnvironment,
} from '../functions/config/resources.ts';
import { FREE_MAIL_DOMAINS, type FloodLimits } from '../functions/core/flood-guard.ts';

/** What every mail-sending function reads (the alert consumer has only this). */
export function mailEnvironment(
  config: SupportConfig,
  resources: {
    tableName: string;
    templatesDir: string;
    slaQueueUrl: string;
    surveyUrl: string;
    /** Where later checks are scheduled: the queue's ARN, the schedule group and the role Scheduler sends with. */
    checkSchedule: { queueArn: string; groupName: string; roleArn: string };
  },
  service: string,
): MailEnvironment {
  return {
    TABLE_NAME: resources.tableName,
    SUPPORT_ADDRESS: config.supportAddress,
    SUPPORT_NAME: config.displayName,
    SUPPORT_WRITING: JSON.stringify(writingOf(config)),
    TEMPLATES_DIR: resources.templatesDir,
    POWERTOOLS_SERVICE_NAME: service,
    SLA_QUEUE_URL: resources.slaQueueUrl,
    SLA_QUEUE_ARN: resources.checkSchedule.queueArn,
    CHECK_SCHEDULE_GROUP: resources.checkSchedule.groupName,
    CHECK_SCHEDULER_ROLE_ARN: resources.checkSchedule.roleArn,
    BUSINESS_HOURS: JSON.stringify(config.businessHours),
    SLA_POLICY: JSON.stringify(config.responseTargets),
    LIFECYCLE_POLICY: JSON.stringify(lifecyclePolicy(config)),
    SURVEY_URL: config.closing.surveyUrl ?? resources.surveyUrl,
    FILE_POLICY: JSON.stringify(config.files),
    TEAM: JSON.stringify(deployedTeam(config, config.businessHours)),
    QUEUES: queuesVariable(config),
  };
}

/** The inbound function's environment, the same on AWS (CDK) and locally (`npm start`). */
export function inboundEnvironment(
  config: SupportConfig,
  resources: Parameters<typeof mailEnvironment>[1] & { bucketName: string },
): InboundEnvironment {
  return {
    ...mailEnvironment(config, resources, SERVICE.inbound),
    RAW_MAIL_BUCKET: resources.bucketName,
    MAX_MESSAGE_BYTES: String(config.maxMessageBytes),
    AUTO_REPLY_LIMIT_PER_HOUR: String(config.autoReplyLimitPerHour),
    FLOOD_LIMITS: JSON.stringify(floodLimits(config)),
    // The support CLI reads the deployed configuration from this function's environment.
    REPORT_POLICY: JSON.stringify(config.reports),
  };
}

/** The survey function's environment, on AWS; locally it shares the inbound function's, a superset. */
export function surveyEnvironment(
  config: SupportConfig,
  resources: Omit<Parameters<typeof mailEnvironment>[1], 'surveyUrl'> & { bucketName: string },
): SurveyEnvironment {
  const { SURVEY_URL: _none, ...environment } = mailEnvironment(
    config,
    { ...resources, surveyUrl: '' },
    SERVICE.survey,
  );
  return { ...environment, RAW_MAIL_BUCKET: resources.bucketName };
}

/** The flood bounds as the functions read them: the configured domains join the built-in free-mail providers. */
export function floodLimits(config: SupportConfig): FloodLimits {
  const { unboundedDomains, ...bounds } = config.limits;
  return {
    ...bounds,
    unboundedDomains: [...new Set([...FREE_MAIL_DOMAINS, ...unboundedDomains.map((d) => d.toLowerCase())])],
  };
}

/** The lifecycle policy as the functions read it (without the survey address, which has its own variable). */
export function lifecyclePolicy(config: SupportConfig): LifecyclePolicy {
  const { surveyUrl: _surveyUrl, ...policy } = config.closing;
  return config.retention === undefined
    ? policy
    : { ...policy, solvedCaseRetentionDays: config.retention.solvedCaseDays };
}

/** The report mail function's environment (weekly digest, monthly agent mail), on AWS and locally. */
export function reportMailEnvironment(
  config: SupportConfig,
  resources: { tableName: string; templatesDir: string },
): ReportMailEnvironment {
  // Report mail belongs to no case: it queues and schedules no checks and links to no survey.
  const none = { slaQueueUrl: '', surveyUrl: '', checkSchedule: { queueArn: '', groupName: '', roleArn: '' } };
  const mail = mailEnvironment(config, { ...resources, ...none }, SERVICE.reportMail);
  return {
    TABLE_NAME: mail.TABLE_NAME,
    TEMPLATES_DIR: mail.TEMPLATES_DIR,
    SUPPORT_ADDRESS: mail.SUPPORT_ADDRESS,
    SUPPORT_NAME: mail.SUPPORT_NAME,
    POWERTOOLS_SERVICE_NAME: mail.POWERTOOLS_SERVICE_NAME,
    TEAM: mail.TEAM,
    QUEUES: mail.QUEUES,
    REPORT_POLICY: JSON.stringify(config.reports),
  };
}
