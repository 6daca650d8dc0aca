/**
 * What the bundles put in place of `@aws-sdk/credential-provider-node`, whose `defaultProvider`
 * every SDK client's runtime config imports whether or not `credentials` is given.
 *
 * Lambda hands a function its execution role's credentials in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so of the default chain only the
 * first link can ever answer there. The rest (SSO, ini files, processes, web identity, container
 * and instance metadata, with the STS and SSO clients behind them) is about 110 KB of each bundle
 * that a cold start parses for nothing. Bundling is the only way to leave it out
 * (aws/aws-sdk-js-v3#6087). Code run from source (tests, `npm start`, the CLI) keeps the full chain.
 * Where Lambda hands credentials over its container endpoint instead (SnapStart does, for the
 * runtimes it supports; not Node.js), chain `fromHttp` of @aws-sdk/credential-provider-http here.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
