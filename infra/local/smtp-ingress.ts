import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DNSResolver } from 'mailauth';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { computeLocalVerdicts } from './receipt-verdicts.ts';
import { buildReceiptEvent } from './receipt-event.ts';
import { rewriteHeaders } from './raw-headers.ts';
import type { SESEvent } from 'aws-lambda';

/** SES accepts messages up to 40 MB (SES developer guide, "Email receiving quotas"). */
export const SES_MAX_INBOUND_BYTES = 40 * 1024 * 1024;
/** Lambda retries a failed asynchronous invocation twice before giving up on it. */
const ASYNC_RETRIES = 2;

export interface Envelope {
  /** The SMTP AUTH user, when the session logged in. */
  readonly authenticatedAs?: string;
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly ip: string;
  readonly helo: string;
}

export interface SmtpIngressOptions {
  readonly port: number;
  readonly region: string;
  /** Domains we receive for, like the SES receipt rule's recipient condition. */
  readonly domains: readonly string[];
  readonly resolver: DNSResolver;
  /**
   * SMTP AUTH for agents, standing in for a verified sender: an agent logged in with their own
   * local password whose mail is From their own address gets the verdicts SES gives mail that
   * passes DKIM and DMARC. Everyone else is judged by mailauth. `isAgent` asks the team as the
   * functions see it, so an agent added with `support agents add` can log in too.
   */
  readonly agentLogin?: {
    readonly checkPassword: (address: string, password: string) => boolean;
    readonly isAgent: (address: string) => Promise<boolean>;
  };
  readonly storeRaw: (key: string, raw: Buffer) => Promise<void>;
  /** Invokes the inbound function, as SES's Lambda action does. */
  readonly invoke: (event: SESEvent) => Promise<unknown>;
  /** Called when an invocation failed all its retries (Lambda's on-failure destination). */
  readonly onDeadLetter: (event: SESEvent, error: unknown) => Promise<void>;
  /** Delay before each async retry; Lambda waits about 1 then 2 minutes, locally it is short. */
  readonly retryDelayMs?: number;
  /** The clock that stamps each receipt, as SES does; tests move it. Default: real time. */
  readonly now?: () => Date;
}

export interface SmtpIngress {
  readonly port: number;
  /** Takes in a raw message as SES would: store, compute verdicts, invoke. Resolves once stored. */
  receive(raw: Buffer, envelope: Envelope): Promise<string>;
  /** Resolves when every invocation started so far has finished (tests and shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The local stand-in for SES receiving: an SMTP server on loopback that does what the receipt rule
 * does (S3 action, then Lambda action with verdicts), so the same handler runs on the same event.
 */
export async function startSmtpIngress(options: SmtpIngressOptions): Promise<SmtpIngress> {
  const inFlight = new Set<Promise<void>>();

  const receive = (original: Buffer, envelope: Envelope): Promise<string> => {
    let stored!: (id: string) => void;
    let failed!: (error: unknown) => void;
    const storedPromise = new Promise<string>((resolve, reject) => {
      stored = resolve;
      failed = reject;
    });
    const work: Promise<void> = takeIn(original, envelope, options, stored).catch(failed);
    // Tracked from the first moment, so idle() also waits for mail that is still being stored.
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return storedPromise;
  };

  const server = createSmtpServer(options, receive);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    receive,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What SES's receipt rule does with one message: stamp its headers, store it (S3 action), then invoke (Lambda action). */
async function takeIn(
  original: Buffer,
  envelope: Envelope,
  options: SmtpIngressOptions,
  stored: (id: string) => void,
): Promise<void> {
  const sesMessageId = `${Date.now().toString(36)}${randomBytes(10).toString('hex')}`;
  const receivedAt = options.now?.() ?? new Date();
  const { verdicts, authenticationResults } = await computeLocalVerdicts(
    original,
    envelope,
    options.resolver,
    envelope.authenticatedAs,
  );
  const raw = rewriteHeaders(
    original,
    [],
    [
      ['Return-Path', `<${envelope.sender}>`],
      [
        'Received',
        `from ${envelope.helo} (${envelope.ip}) by inbound-smtp.${options.region}.amazonaws.com with SMTP id ${sesMessageId} for ${envelope.recipients.join(', ')}; ${receivedAt.toUTCString()}`,
      ],
      ['X-SES-Spam-Verdict', verdicts.spam],
      ['X-SES-Virus-Verdict', verdicts.virus],
      ['Authentication-Results', authenticationResults],
    ],
  );
  await options.storeRaw(`inbound/${sesMessageId}`, raw);
  stored(sesMessageId);
  const event = buildReceiptEvent(raw, {
    sesMessageId,
    envelopeSender: envelope.sender,
    recipients: envelope.recipients,
    verdicts,
    receivedAt,
    region: options.region,
    functionName: 'inbound',
  });
  await invokeWithRetries(event, options);
}

/** The SMTP side: AUTH for agents, only our domains as recipients, SES's size limit, each message to `receive`. */
function createSmtpServer(options: SmtpIngressOptions, receive: SmtpIngress['receive']): SMTPServer {
  const ours = (address: string) => options.domains.includes(address.toLowerCase().split('@')[1] ?? '');
  return new SMTPServer({
    name: 'inbound-smtp.local',
    banner: 'mailcase local ingress',
    authOptional: true,
    // Loopback only, so plain AUTH without TLS is acceptable here (and only here).
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      const user = (auth.username ?? '').toLowerCase();
      const login = options.agentLogin;
      const refused = () => callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      if (login === undefined || !login.checkPassword(user, auth.password ?? '')) return refused();
      login.isAgent(user).then((agent) => (agent ? callback(null, { user }) : refused()), refused);
    },
    size: SES_MAX_INBOUND_BYTES,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (ours(address.address)) callback();
      else
        callback(
          Object.assign(
            new Error(`Mail for ${address.address} is not accepted here (domains: ${options.domains.join(', ')})`),
            { responseCode: 550 },
          ),
        );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('Message exceeds the 40 MB limit'), { responseCode: 552 }));
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        receive(Buffer.concat(chunks), {
          ...(typeof session.user === 'string' ? { authenticatedAs: session.user } : {}),
          sender: mailFrom === false ? '' : mailFrom.address,
          recipients: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          ip: session.remoteAddress,
          helo: session.hostNameAppearsAs,
        }).then(
          (id) => callback(null, `Ok ${id}`),
          (error: unknown) =>
            callback(Object.assign(new Error(`Temporary failure: ${String(error)}`), { responseCode: 451 })),
        );
      });
    },
  });
}

async function invokeWithRetries(event: SESEvent, options: SmtpIngressOptions): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await options.invoke(event);
      return;
    } catch (error) {
      if (attempt >= ASYNC_RETRIES) {
        await options.onDeadLetter(event, error);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 1000) * (attempt + 1)));
    }
  }
}
